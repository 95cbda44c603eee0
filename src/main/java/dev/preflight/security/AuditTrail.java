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
 * Every state-changing request is written to the audit log, named by its route, as done or as
 * refused with the reason (an error status, or a page that answered with an error); a route added
 * later is audited without anyone remembering to. Requests that change nothing (the
 * thread-link check as you type) are left out.
 */
final class AuditTrail implements HandlerInterceptor {

    private static final Set<String> READS_ONLY =
            Set.of("POST /checks/thread-link", "POST /schedules/preview", "POST /api/v1/checks/validate");

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
            Map.entry("POST /account/password", "password.change"),
            Map.entry("POST /account/notifications/devices", "push.device-add"),
            Map.entry("POST /account/notifications/devices/{id}/remove", "push.device-remove"),
            Map.entry("POST /account/notifications/devices/forget", "push.device-forget"),
            Map.entry("POST /account/notifications/choices", "push.choose"),
            Map.entry("POST /account/notifications/test", "push.test"),
            Map.entry("PUT /api/v1/checks", "checks.save"),
            Map.entry("POST /checks/custom", "checks.save"),
            // a try reaches sources with their secrets: who did, and when, is kept
            Map.entry("POST /api/v1/checks/try", "checks.try"),
            Map.entry("POST /checks/custom/try", "checks.try"),
            Map.entry("POST /api/v1/checks/versions/{version}/revert", "checks.revert"),
            Map.entry("POST /checks/custom/versions/{version}/revert", "checks.revert"),
            Map.entry("PUT /api/v1/cache/{type}", "cache.set"),
            Map.entry("POST /cache/{type}", "cache.set"),
            Map.entry("DELETE /api/v1/cache/{type}/entries", "cache.clear"),
            Map.entry("POST /cache/{type}/clear", "cache.clear"),
            Map.entry("POST /problems/{id}/acknowledge", "problem.acknowledge"),
            Map.entry("POST /api/v1/problems/{id}/acknowledge", "problem.acknowledge"),
            Map.entry("POST /problems/{id}/workaround", "problem.workaround"),
            Map.entry("POST /api/v1/problems/{id}/workaround", "problem.workaround"));

    private static final String REFUSED = "preflight.audit.refused";

    private final AuditLog audit;

    AuditTrail(AuditLog audit) {
        this.audit = audit;
    }

    /** A page that re-renders with an error refused what was asked: remember its words. */
    @Override
    public void postHandle(
            HttpServletRequest request,
            HttpServletResponse response,
            Object handler,
            org.springframework.web.servlet.@Nullable ModelAndView view) {
        if (view != null && view.getModel().get("error") instanceof String error) {
            request.setAttribute(REFUSED, "invalid input: " + error);
        }
    }

    @Override
    public void afterCompletion(
            HttpServletRequest request, HttpServletResponse response, Object handler, @Nullable Exception failure) {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return;
        }
        if (!(handler instanceof HandlerMethod)
                || request.getDispatcherType() != jakarta.servlet.DispatcherType.REQUEST) {
            return; // a forward (to the access-denied page) is part of a request already recorded
        }
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String route = method + " " + pattern;
        if (READS_ONLY.contains(route)) {
            return;
        }
        String refused = refusal(request, response, failure);
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        String actor = who == null ? "anonymous" : Member.of(who).name();
        // never the query string: it can carry what a form should have posted in its body
        audit.record(
                actor,
                ACTIONS.getOrDefault(route, route),
                route.startsWith("POST /account/password") && who != null
                        ? Member.of(who).id()
                        : target(request),
                refused == null ? AuditLog.Outcome.DONE : AuditLog.Outcome.REFUSED,
                refused,
                request.getRemoteAddr());
    }

    /** Why the request did not take effect, or null when it did. */
    private static @Nullable String refusal(
            HttpServletRequest request, HttpServletResponse response, @Nullable Exception failure) {
        int status = response.getStatus();
        if (failure != null || status >= 500) {
            return "failed";
        }
        if (status >= 400) {
            return switch (status) {
                case 401, 403 -> "denied";
                case 404 -> "not found";
                case 409 -> "conflict: already running";
                case 413 -> "invalid input: body too large";
                case 429 -> "throttled";
                default -> "invalid input";
            };
        }
        if (request.getAttribute(REFUSED) instanceof String reason) {
            return reason;
        }
        var flash = org.springframework.web.servlet.support.RequestContextUtils.getOutputFlashMap(request);
        if (flash.get("error") instanceof String error) {
            return "invalid input: " + error;
        }
        if (flash.get("running") != null) {
            return "conflict: already running";
        }
        return null;
    }

    private static @Nullable String target(HttpServletRequest request) {
        if (request.getAttribute(Audit.TARGET) instanceof String given) {
            return given;
        }
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                && (variables.get("id") != null || variables.get("type") != null)) {
            return String.valueOf(variables.get("id") != null ? variables.get("id") : variables.get("type"));
        }
        String name = request.getParameter("name");
        if (name != null && !name.isBlank()) {
            return name.strip(); // a schedule's or a token's name
        }
        String project = request.getParameter("project");
        String release = request.getParameter("release");
        if (project == null) {
            return null;
        }
        return release == null || release.isBlank() ? project + " (next release)" : project + " " + release;
    }
}
