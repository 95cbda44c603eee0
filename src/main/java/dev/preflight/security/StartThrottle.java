package dev.preflight.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Each person may start a limited number of checks per minute, from the UI and the API together. */
final class StartThrottle extends OncePerRequestFilter {

    private final RateLimit starts;
    private final int perMinute;

    private final AuditLog audit;

    StartThrottle(int perMinute, AuditLog audit) {
        this.starts = new RateLimit(perMinute, Duration.ofMinutes(1));
        this.perMinute = perMinute;
        this.audit = audit;
    }

    static boolean startsACheck(HttpServletRequest request) {
        String path = request.getServletPath();
        return "POST".equals(request.getMethod()) && (path.equals("/checks") || path.equals("/api/v1/executions"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        if (startsACheck(request) && who != null && who.isAuthenticated()) {
            if (!starts.tryAcquire(Member.of(who).id())) {
                String detail = "You started " + perMinute + " checks in the last minute; wait a minute and try again.";
                audit.record(
                        Member.of(who).name(),
                        "check.start",
                        request.getParameter("project"),
                        AuditLog.Outcome.REFUSED,
                        "throttled",
                        request.getRemoteAddr());
                response.setHeader("Retry-After", "60");
                if (request.getServletPath().startsWith("/api/")) {
                    Problems.write(response, 429, "Too many checks", detail);
                } else {
                    response.setStatus(429);
                    response.setContentType("text/html;charset=UTF-8");
                    response.getWriter()
                            .write("<!DOCTYPE html><title>Too many checks</title><p>" + detail
                                    + "</p><p><a href=\"/\">Back</a></p>");
                }
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
