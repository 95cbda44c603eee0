package dev.preflight.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A request authenticated by a personal API token: the owner's name and the token's role, no session. */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private final ApiTokens.Bearer bearer;
    private final String name;

    ApiTokenAuthentication(ApiTokens.Bearer bearer) {
        super(List.of(bearer.role().granted()));
        this.bearer = bearer;
        this.name = bearer.ownerName();
        setAuthenticated(true);
    }

    ApiTokens.Bearer bearer() {
        return bearer;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return name;
    }

    @Override
    public String getName() {
        return name;
    }
}
