package dev.preflight.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The client level of the cache: every answer says how long a browser or the app may keep it
 * ({@code client-cache.properties}, fixed at build) and carries an ETag, so a client asking again
 * with {@code If-None-Match} gets 304 without the body. Signed-in answers are {@code private}: a
 * shared cache never stores them. Streams and downloads are left whole.
 */
public final class ClientCaching extends OncePerRequestFilter {

    static final String ROUTES = "client-cache.properties";

    private final Map<PathPattern, Optional<Long>> routes;
    private final ShallowEtagHeaderFilter etags = new ShallowEtagHeaderFilter();

    ClientCaching(Map<PathPattern, Optional<Long>> routes) {
        this.routes = routes;
    }

    /** Inside the security chain (it must know who asks), before the handlers. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
    static class Wiring {
        @org.springframework.context.annotation.Bean
        org.springframework.boot.web.servlet.FilterRegistrationBean<ClientCaching> clientCaching() {
            var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(fromBuild());
            registration.setOrder(0);
            return registration;
        }
    }

    /** The routes of the built version. */
    public static ClientCaching fromBuild() {
        try (InputStream in = ClientCaching.class.getClassLoader().getResourceAsStream(ROUTES)) {
            if (in == null) {
                throw new IllegalStateException(ROUTES + " is missing from the build");
            }
            return new ClientCaching(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + ROUTES, e);
        }
    }

    static Map<PathPattern, Optional<Long>> parse(String text) {
        Map<PathPattern, Optional<Long>> routes = new LinkedHashMap<>();
        text.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .forEach(line -> {
                    int eq = line.indexOf('=');
                    String value = line.substring(eq + 1).strip();
                    routes.put(
                            PathPatternParser.defaultInstance.parse(
                                    line.substring(0, eq).strip()),
                            value.equals("no-store") ? Optional.empty() : Optional.of(Long.parseLong(value)));
                });
        return routes;
    }

    /** The Cache-Control header of a read of this path: private for someone signed in, public otherwise. */
    public String cacheControl(String path, boolean signedIn) {
        return lifetime(path)
                .map(seconds ->
                        (signedIn ? "private" : "public") + (seconds == 0 ? ", no-cache" : ", max-age=" + seconds))
                .orElse("no-store");
    }

    /** Seconds a client may keep this path's answer, or empty for no-store. */
    Optional<Long> lifetime(String path) {
        PathContainer container = PathContainer.parsePath(path);
        for (var route : routes.entrySet()) {
            if (route.getKey().matches(container)) {
                return route.getValue();
            }
        }
        return Optional.empty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<Long> lifetime = lifetime(path);
        boolean read = request.getMethod().equals("GET") || request.getMethod().equals("HEAD");
        if (!read || lifetime.isEmpty()) {
            response.setHeader("Cache-Control", "no-store");
            chain.doFilter(request, response);
            return;
        }
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        boolean signedIn = who != null && who.isAuthenticated() && !(who instanceof AnonymousAuthenticationToken);
        response.setHeader("Cache-Control", cacheControl(path, signedIn));
        // the same URL answers a visitor and a signed-in person differently (the public board)
        response.setHeader("Vary", "Cookie, Authorization");
        etags.doFilter(request, new ErrorsNotStored(response), chain);
    }

    /** An error is not kept by anyone. */
    private static final class ErrorsNotStored extends jakarta.servlet.http.HttpServletResponseWrapper {
        ErrorsNotStored(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setStatus(int status) {
            super.setStatus(status);
            if (status >= 400) {
                setHeader("Cache-Control", "no-store");
            }
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            setHeader("Cache-Control", "no-store");
            super.sendError(status, message);
        }

        @Override
        public void sendError(int status) throws IOException {
            setHeader("Cache-Control", "no-store");
            super.sendError(status);
        }
    }
}
