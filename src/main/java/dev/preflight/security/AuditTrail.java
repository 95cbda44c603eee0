package dev.preflight.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Every successful state-changing request is written to the audit log, named by its route; a
 * route added later is audited without anyone remembering to. Requests that change nothing (the
 * thread-link check as you type) are left out.
 */
final class AuditTrail implements HandlerInterceptor {

    private static final Set<String> READS_ONLY = Set.of("POST /checks/thread-link", "POST /schedules/preview");

    /** Release managers' words for the routes; others are logged as "METHOD /pattern". */
    private static final Map<String, String> ACTIONS = Map.ofEntries(
            Map.entry("POST /checks", "check.start"),
            Map.entry("POST /api/v1/executions", "check.start"),
            Map.entry("POST /executions/{id}/cancel", "execution.cancel"),
            Map.entry("POST /api/v1/executions/{id}/cancel", "execution.cancel"),
            Map.entry("POST /executions/{id}/resend", "execution.resend"),
            Map.entry("POST /api/v1/executions/{id}/notify", "execution.resend"),
            Map.entry("POST /executions/{id}/delete", "execution.delete"),
            Map.entry("DELETE /api/v1/executions/{id}", "execution.delete"),
            Map.entry("POST /executions/delete-all", "execution.delete-all"),
            Map.entry("POST /tools/packaging-server/start", "packaging-server.start"),
            Map.entry("POST /tools/packaging-server/stop", "packaging-server.stop"),
            Map.entry("POST /schedules", "schedule.create"),
            Map.entry("POST /api/v1/schedules", "schedule.create"),
            Map.entry("POST /schedules/{id}/enabled", "schedule.pause-or-resume"),
            Map.entry("POST /schedules/{id}/delete", "schedule.delete"),
            Map.entry("DELETE /api/v1/schedules/{id}", "schedule.delete"),
            Map.entry("POST /account/tokens", "token.create"),
            Map.entry("POST /account/tokens/{id}/revoke", "token.revoke"),
            Map.entry("POST /account/password", "password.change"));

    private final AuditLog audit;

    AuditTrail(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void afterCompletion(
            HttpServletRequest request, HttpServletResponse response, Object handler, @Nullable Exception failure) {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return;
        }
        if (!(handler instanceof HandlerMethod) || failure != null || response.getStatus() >= 400) {
            return;
        }
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String route = method + " " + pattern;
        if (READS_ONLY.contains(route)) {
            return;
        }
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        String actor = who == null ? "anonymous" : Member.of(who).name();
        // never the query string: it can carry what a form should have posted in its body
        audit.record(actor, ACTIONS.getOrDefault(route, route), target(request), null, request.getRemoteAddr());
    }

    private static @Nullable String target(HttpServletRequest request) {
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                && variables.get("id") != null) {
            return String.valueOf(variables.get("id"));
        }
        String name = request.getParameter("name");
        if (name != null && request.getParameter("cron") != null) {
            return name;
        }
        String project = request.getParameter("project");
        String release = request.getParameter("release");
        if (project == null) {
            return null;
        }
        return release == null || release.isBlank() ? project + " (next release)" : project + " " + release;
    }
}
