package dev.preflight.continuity.web;

import dev.preflight.continuity.DatabaseMode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While the database has no primary, a request that would write is refused before it starts:
 * 503 with Retry-After, as problem details for the API and as an error page for the UI. Nothing
 * is half-written and nothing waits on a connection that will not come. A write caught mid-way
 * when the primary goes is answered the same way, with its own detail ({@link NoPrimaryAnswers}).
 */
@Configuration(proxyBeanMethods = false)
class ReadOnlyRequests {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    static final int RETRY_AFTER_SECONDS = 10;

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> readOnlyRequestFilter(DatabaseMode mode) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                var since = mode.readOnlySince();
                // signing out passes: its session's deletion waits, the browser forgets the cookie at once
                if (since.isEmpty()
                        || READS.contains(request.getMethod())
                        || "/logout".equals(request.getRequestURI())) {
                    chain.doFilter(request, response);
                    return;
                }
                String detail = "read-only since "
                        + DateTimeFormatter.ISO_LOCAL_TIME.format(since.get()
                                .atOffset(ZoneOffset.UTC)
                                .toLocalTime()
                                .withNano(0))
                        + " UTC: the database has no primary; changes are refused until it has one again";
                response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
                response.setHeader("Cache-Control", "no-store");
                if (request.getRequestURI().startsWith("/api/")) {
                    // Spring Security's headers are not set this early: the same, for a body that is data
                    response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
                    response.setHeader("X-Content-Type-Options", "nosniff");
                    response.setStatus(503);
                    response.setContentType("application/problem+json");
                    response.getOutputStream()
                            .write(("{\"type\":\"about:blank\",\"title\":\"Read-only\",\"status\":503,"
                                            + "\"detail\":\"" + detail + "\"}")
                                    .getBytes(StandardCharsets.UTF_8));
                } else {
                    response.sendError(503, detail);
                }
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        // before Spring Security (-100), whose throttles and audit write: nothing runs that would
        registration.setOrder(-101);
        return registration;
    }
}
