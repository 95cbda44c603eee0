package dev.preflight.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer pft_...}: the request is the token owner's, for this request only
 * (no session). A token that is unknown, expired or revoked gets 401 at once, without falling back
 * to a session cookie.
 */
final class ApiTokenFilter extends OncePerRequestFilter {

    static final String SCHEME = "Bearer ";

    private final ApiTokens tokens;

    ApiTokenFilter(ApiTokens tokens) {
        this.tokens = tokens;
    }

    static boolean carriesToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /** Async (server-sent events) and error dispatches of a token request need the token's owner too. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!carriesToken(request)) {
            chain.doFilter(request, response);
            return;
        }
        String value =
                request.getHeader("Authorization").substring(SCHEME.length()).strip();
        Optional<ApiTokens.Bearer> bearer = tokens.authenticate(value);
        if (bearer.isEmpty()) {
            Problems.write(
                    response,
                    HttpServletResponse.SC_UNAUTHORIZED,
                    "Invalid token",
                    "The API token is unknown, expired or revoked.");
            return;
        }
        if (WebSecurity.pathOf(request).startsWith("/account")) {
            // a leaked token must not outlive its revocation by minting others or taking the account
            Problems.write(
                    response,
                    HttpServletResponse.SC_FORBIDDEN,
                    "Not with a token",
                    "An API token cannot create, list or revoke tokens, change a password or manage"
                            + " accounts: sign in.");
            return;
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ApiTokenAuthentication(bearer.get()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
