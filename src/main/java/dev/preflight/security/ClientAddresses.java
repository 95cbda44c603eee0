package dev.preflight.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.ForwardedHeaderFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Forwarded and X-Forwarded-* headers are believed only from the configured trusted proxies
 * (then the client's address, scheme and host are the ones the proxy saw); from anyone else they
 * are removed, so a client cannot pretend to come from an allowed network or over HTTPS.
 */
final class ClientAddresses extends OncePerRequestFilter {

    private final Networks proxies;
    private final ForwardedHeaderFilter apply = new ForwardedHeaderFilter();
    private final ForwardedHeaderFilter remove = new ForwardedHeaderFilter();

    ClientAddresses(Networks proxies) {
        this.proxies = proxies;
        remove.setRemoveOnly(true);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        (proxies.contains(request.getRemoteAddr()) ? apply : remove).doFilter(request, response, chain);
    }
}
