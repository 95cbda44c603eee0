package dev.preflight.usage;

import dev.preflight.security.Member;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Counts each answered request by what it was: a page (by its template, never its address), a
 * feature, an API call (by token name), and its visitor as the day's keyed hash. Nothing that
 * names a person reaches a label or a roll-up.
 */
final class UsageRecorder implements HandlerInterceptor {

    private static final String PAGE = UsageRecorder.class.getName() + ".page";

    /** Routes that are a feature people use, by the words the Statistics tab shows. */
    private static final Map<String, String> FEATURES = Map.ofEntries(
            Map.entry("GET /api/v1/executions/{id}/export", "export"),
            Map.entry("POST /executions/{id}/resend", "resend"),
            Map.entry("POST /api/v1/executions/{id}/notify", "resend"),
            Map.entry("POST /checks/custom/try", "custom-check-try"),
            Map.entry("POST /api/v1/checks/try", "custom-check-try"),
            Map.entry("GET /board", "board-view"),
            Map.entry("GET /api/v1/releases/{project}/next", "board-view"));

    private static final java.util.Set<String> SIGN_IN_PAGES =
            java.util.Set.of("login", "logged-out", "access-denied", "password", "error");

    private static final Pattern PHONE = Pattern.compile("(?i)mobi|android|iphone|ipod");

    private final UsageCounts counts;
    private final @Nullable MeterRegistry meters;

    UsageRecorder(UsageCounts counts, @Nullable MeterRegistry meters) {
        this.counts = counts;
        this.meters = meters;
    }

    @Override
    public void postHandle(
            HttpServletRequest request, HttpServletResponse response, Object handler, @Nullable ModelAndView view) {
        // a full page: a template rendered for a GET, not a redirect nor an htmx fragment
        if (view != null
                && "GET".equals(request.getMethod())
                && view.getViewName() != null
                && !view.getViewName().contains(":")
                && request.getHeader("HX-Request") == null) {
            request.setAttribute(PAGE, view.getViewName());
        }
    }

    @Override
    public void afterCompletion(
            HttpServletRequest request, HttpServletResponse response, Object handler, @Nullable Exception failed) {
        if (failed != null || response.getStatus() >= 400) {
            return;
        }
        try {
            record(request);
        } catch (RuntimeException e) {
            // figures are never worth a failed request
        }
    }

    private void record(HttpServletRequest request) {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        boolean signedIn = who != null && who.isAuthenticated() && !(who instanceof AnonymousAuthenticationToken);
        Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String feature = route == null ? null : FEATURES.get(request.getMethod() + " " + route);
        if (feature != null) {
            counts.add(UsageMetric.FEATURE, feature, 1);
        }
        if (signedIn && request.getRequestURI().startsWith("/api/")) {
            Member.tokenName(who).ifPresent(token -> counts.add(UsageMetric.API_CALL, token, 1));
        }
        Object page = request.getAttribute(PAGE);
        if (page instanceof String template) {
            boolean phone = PHONE.matcher(String.valueOf(request.getHeader("User-Agent")))
                    .find();
            counts.add(UsageMetric.PAGE_VIEW, template, 1);
            counts.add(UsageMetric.DEVICE_VIEW, phone ? "phone" : "desktop", 1);
            // the sign-in pages would count a person twice: once before, once as themselves
            if (!SIGN_IN_PAGES.contains(template)) {
                counts.visit(
                        signedIn
                                ? Member.of(who).id()
                                : request.getRemoteAddr() + " " + request.getHeader("User-Agent"),
                        phone);
            }
            if (meters != null) {
                meters.counter("preflight.page.views", "page", template.toLowerCase(Locale.ROOT))
                        .increment();
            }
        }
    }
}
