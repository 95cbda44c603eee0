package dev.preflight.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Passwords and tokens are taken only from request bodies: a URL lands in browser history, proxy
 * and server logs. A request carrying one in its query string is refused before anything reads it.
 */
final class SecretsOnlyInBodies extends OncePerRequestFilter {

    /** The password form's fields, whose names do not say "password". */
    private static final Set<String> PASSWORD_FORM = Set.of("current", "replacement", "confirmation");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8)
                        .toLowerCase(Locale.ROOT);
                if (isSecret(name)) {
                    Problems.write(
                            response,
                            HttpServletResponse.SC_BAD_REQUEST,
                            "Secret in the URL",
                            "'" + (name.length() > 20 ? name.substring(0, 20) + "…" : name)
                                    + "' must be sent in the request body, never in the URL.");
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    static boolean isSecret(String name) {
        return name.contains("password")
                || name.contains("secret")
                || name.contains("token")
                || PASSWORD_FORM.contains(name);
    }
}
