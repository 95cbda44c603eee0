package dev.preflight.security;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The person behind a request, whichever way they signed in.
 *
 * @param id stable and unique: {@code local:NAME} for a local account, {@code oidc:SUBJECT} for the provider's users
 * @param name what pages and the audit log show
 * @param role their role; empty when they hold neither
 */
public record Member(String id, String name, Optional<Role> role) {

    static final String LOCAL = "local:";
    static final String OIDC = "oidc:";

    /** The id of a local account's owner, as its API tokens and the audit log name it. */
    public static String localId(String username) {
        return LOCAL + username;
    }

    public static Member of(Authentication authentication) {
        Optional<Role> role = Role.of(authentication.getAuthorities());
        if (authentication instanceof ApiTokenAuthentication token) {
            String owner = token.bearer().owner();
            return new Member(owner, token.getName(), role);
        }
        if (authentication.getPrincipal() instanceof OidcUser user) {
            return new Member(OIDC + user.getSubject(), user.getName(), role);
        }
        return new Member(localId(authentication.getName()), authentication.getName(), role);
    }

    /** Who did something, as the history shows it: the person, with the token's name when one was used. */
    public static String describe(Authentication authentication) {
        Member member = of(authentication);
        if (authentication instanceof ApiTokenAuthentication token) {
            return member.name() + " (token " + token.bearer().tokenName() + ")";
        }
        return member.name();
    }

    /** The name of the API token a request came with, if it came with one. */
    public static Optional<String> tokenName(Authentication authentication) {
        return authentication instanceof ApiTokenAuthentication token
                ? Optional.of(token.bearer().tokenName())
                : Optional.empty();
    }

    public boolean local() {
        return id.startsWith(LOCAL);
    }

    public String roleLabel() {
        return role.map(Role::label).orElse("no role");
    }
}
