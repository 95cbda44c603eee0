package dev.preflight.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Turns the provider's ID token into a Preflight role: the values of its {@code groups} (Entra
 * group object ids) and {@code roles} (app roles) claims are looked up in the configured mapping;
 * readwrite wins over read. Entra leaves the groups out when a user is in too many of them (the
 * "overage" claim); that is logged and shown on the access-denied page instead of failing quietly.
 */
final class ProviderRoles implements OAuth2UserService<OidcUserRequest, OidcUser> {

    /** Marks a user whose groups the provider left out; the access-denied page explains it. */
    static final String GROUPS_OVERAGE = "GROUPS_OVERAGE";

    private static final Logger log = LoggerFactory.getLogger(ProviderRoles.class);

    private final OidcUserService delegate = new OidcUserService();
    private final OidcProperties.RoleMapping mapping;

    ProviderRoles(OidcProperties.RoleMapping mapping) {
        this.mapping = mapping;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = delegate.loadUser(request);
        Map<String, Object> claims = user.getClaims();
        Set<String> values = new HashSet<>(strings(claims.get("groups")));
        values.addAll(strings(claims.get("roles")));
        List<GrantedAuthority> authorities = new ArrayList<>();
        if (values.stream().anyMatch(mapping.readwrite()::contains)) {
            authorities.add(Role.READWRITE.granted());
        } else if (values.stream().anyMatch(mapping.read()::contains)) {
            authorities.add(Role.READ.granted());
        }
        String name = displayName(claims);
        if (authorities.isEmpty() && overage(claims)) {
            log.warn(
                    "{} signed in, but the provider left their groups out of the token (group overage: too many"
                            + " groups). Map app roles instead, or emit only the groups assigned to the application.",
                    name);
            authorities.add(new SimpleGrantedAuthority(GROUPS_OVERAGE));
        }
        String nameClaim = claims.containsKey("preferred_username")
                ? "preferred_username"
                : claims.containsKey("email") ? "email" : "sub";
        return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), nameClaim);
    }

    private static String displayName(Map<String, Object> claims) {
        Object name = claims.getOrDefault("preferred_username", claims.get("sub"));
        return String.valueOf(name);
    }

    static boolean overage(Map<String, Object> claims) {
        return claims.get("_claim_names") instanceof Map<?, ?> names && names.containsKey("groups")
                || Boolean.TRUE.equals(claims.get("hasgroups"))
                || "true".equals(String.valueOf(claims.get("hasgroups")));
    }

    private static List<String> strings(Object claim) {
        if (claim instanceof Collection<?> collection) {
            return collection.stream().map(String::valueOf).toList();
        }
        if (claim instanceof String text) {
            return List.of(text);
        }
        return List.of();
    }
}
