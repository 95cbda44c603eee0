package dev.preflight.board.web;

import dev.preflight.board.ReleaseBoard;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * When the board is public, a request with no credentials at all (no Authorization header, no
 * cookie) for a project's next release is answered from the cached bytes, before sessions,
 * security and JSON writing: a wall of phones and screens costs a map lookup each. It runs after
 * the network allowlist. Anything else goes the usual way.
 */
final class PublicBoardAnswers extends OncePerRequestFilter {

    private static final Pattern NEXT = Pattern.compile("/api/v1/releases/([A-Za-z][A-Za-z0-9_]{0,31})/next");

    private final ReleaseBoard board;
    private final String cacheControl;

    PublicBoardAnswers(ReleaseBoard board) {
        this.board = board;
        this.cacheControl = dev.preflight.web.ClientCaching.fromBuild().cacheControl("/api/v1/releases/ET/next", false);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "preflight.board.public", havingValue = "true")
    static class Wiring {
        @Bean
        FilterRegistrationBean<PublicBoardAnswers> publicBoardAnswers(ReleaseBoard board) {
            var registration = new FilterRegistrationBean<>(new PublicBoardAnswers(board));
            registration.addUrlPatterns("/api/v1/releases/*");
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2); // after ClientAddresses and the Allowlist
            return registration;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher next = NEXT.matcher(
                request.getRequestURI().substring(request.getContextPath().length()));
        boolean anonymous = request.getHeader("Authorization") == null && request.getHeader("Cookie") == null;
        boolean read = request.getMethod().equals("GET") || request.getMethod().equals("HEAD");
        Optional<ReleaseBoard.PublicAnswer> answer =
                anonymous && read && next.matches() ? board.publicAnswer(next.group(1)) : Optional.empty();
        if (answer.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Cache-Control", cacheControl);
        response.setHeader("Vary", "Cookie, Authorization");
        response.setHeader("ETag", answer.get().etag());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'none'");
        if (answer.get().etag().equals(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType("application/json");
        response.setContentLength(answer.get().json().length);
        if (request.getMethod().equals("GET")) {
            response.getOutputStream().write(answer.get().json());
        }
    }
}
