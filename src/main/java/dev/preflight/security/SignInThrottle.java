package dev.preflight.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows password guessing: after too many failed sign-ins from one address, or for one account
 * name, further attempts are refused for the rest of the window, even with the right password.
 */
final class SignInThrottle extends OncePerRequestFilter {

    private final RateLimit failures;

    SignInThrottle(int attempts, Duration window) {
        this.failures = new RateLimit(attempts, window);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath())) {
            String username = String.valueOf(request.getParameter("username"));
            if (failures.exhausted(address(request.getRemoteAddr())) || failures.exhausted(account(username))) {
                response.sendRedirect(request.getContextPath() + "/login?throttled");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        failures.record(account(event.getAuthentication().getName()));
        if (event.getAuthentication().getDetails()
                instanceof org.springframework.security.web.authentication.WebAuthenticationDetails details) {
            failures.record(address(details.getRemoteAddress()));
        }
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        failures.reset(account(event.getAuthentication().getName()));
    }

    private static String address(String address) {
        return "address:" + address;
    }

    private static String account(String name) {
        return "account:" + name.toLowerCase(Locale.ROOT);
    }
}
