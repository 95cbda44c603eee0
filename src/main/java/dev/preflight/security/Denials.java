package dev.preflight.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.util.matcher.RequestMatcher;

/** 403: problem details for the API; for pages, the access-denied page saying why (role, or an expired form). */
final class Denials implements AccessDeniedHandler {

    static final String REASON = "preflight.denied";

    private final RequestMatcher api;
    private final AuditLog audit;

    Denials(RequestMatcher api, AuditLog audit) {
        this.api = api;
        this.audit = audit;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException, ServletException {
        boolean csrf = denied instanceof CsrfException;
        var who = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        audit.record(
                who == null ? "anonymous" : Member.of(who).name(),
                request.getMethod() + " " + WebSecurity.pathOf(request),
                null,
                AuditLog.Outcome.REFUSED,
                csrf ? "CSRF token missing or wrong" : "denied: role",
                request.getRemoteAddr());
        if (api.matches(request)) {
            Problems.write(
                    response,
                    403,
                    "Forbidden",
                    csrf
                            ? "A request made with a session needs its CSRF token."
                            : "Your role does not allow this request.");
            return;
        }
        request.setAttribute(REASON, csrf ? "csrf" : "role");
        response.setStatus(403);
        request.getRequestDispatcher("/access-denied").forward(request, response);
    }
}
