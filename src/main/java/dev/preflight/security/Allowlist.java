package dev.preflight.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Only clients from the listed networks reach the UI, the API, or both; others get 403 before
 * anything else happens. It comes on top of sign-in, never instead of it. The health endpoint stays
 * reachable for load balancers; it tells nothing but UP or DOWN.
 */
final class Allowlist extends OncePerRequestFilter {

    private final Networks allowed;
    private final String appliesTo;

    Allowlist(Networks allowed, String appliesTo) {
        this.allowed = allowed;
        this.appliesTo = appliesTo;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean api = path.startsWith("/api/");
        boolean applies =
                !path.startsWith("/actuator/health") && (appliesTo.equals("both") || appliesTo.equals("api") == api);
        if (applies && !allowed.contains(request.getRemoteAddr())) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("Preflight is not reachable from this network address.\n");
            return;
        }
        chain.doFilter(request, response);
    }
}
