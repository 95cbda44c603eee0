package dev.preflight.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows password guessing: after too many sign-in attempts without success from one address, or
 * for one account name, further attempts are refused for the rest of the window, even with the
 * right password.
 */
final class SignInThrottle extends OncePerRequestFilter {

    private final RateLimit attempts;

    private final AuditLog audit;

    SignInThrottle(int attempts, Duration window, AuditLog audit) {
        this.attempts = new RateLimit(attempts, window);
        this.audit = audit;
    }

    private void throttled(HttpServletRequest request, HttpServletResponse response, String account)
            throws IOException {
        audit.record(
                account.substring("account:".length()),
                "sign-in",
                null,
                AuditLog.Outcome.REFUSED,
                "throttled",
                request.getRemoteAddr());
        response.sendRedirect(request.getContextPath() + "/login?throttled");
    }

    /**
     * Each attempt takes a slot before the password is checked, so that simultaneous attempts
     * cannot all pass a check made before any of them failed: at most the limit are checked.
     */
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath())) {
            String address = address(request.getRemoteAddr());
            String account = account(String.valueOf(request.getParameter("username")));
            if (!attempts.tryAcquire(address)) {
                throttled(request, response, account);
                return;
            }
            if (!attempts.tryAcquire(account)) {
                attempts.release(address);
                throttled(request, response, account);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** A successful sign-in frees its account and gives its address's slot back. */
    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        attempts.reset(account(event.getAuthentication().getName()));
        if (event.getAuthentication().getDetails()
                instanceof org.springframework.security.web.authentication.WebAuthenticationDetails details) {
            attempts.release(address(details.getRemoteAddress()));
        }
    }

    private static String address(String address) {
        return "address:" + address;
    }

    private static String account(String name) {
        return "account:" + LocalAccounts.normalise(name);
    }
}
