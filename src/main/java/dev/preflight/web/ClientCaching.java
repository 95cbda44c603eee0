package dev.preflight.web;

import jakarta.servlet.DispatcherType;
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

    /** A route's lifetime for clients, and whether an anonymous answer may be kept by shared caches. */
    record Route(long seconds, boolean shared) {}

    private final Map<PathPattern, Optional<Route>> routes;
    private final ShallowEtagHeaderFilter etags = new ShallowEtagHeaderFilter();

    ClientCaching(Map<PathPattern, Optional<Route>> routes) {
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

    static Map<PathPattern, Optional<Route>> parse(String text) {
        Map<PathPattern, Optional<Route>> routes = new LinkedHashMap<>();
        text.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .forEach(line -> {
                    int eq = line.indexOf('=');
                    String value = line.substring(eq + 1).strip();
                    routes.put(
                            PathPatternParser.defaultInstance.parse(
                                    line.substring(0, eq).strip()),
                            value.equals("no-store")
                                    ? Optional.empty()
                                    : Optional.of(new Route(
                                            Long.parseLong(value.split("\\s+")[0]), value.endsWith(" public"))));
                });
        return routes;
    }

    /** The Cache-Control header of a read of this path: public only for an anonymous visitor of a public route. */
    public String cacheControl(String path, boolean signedIn) {
        return route(path)
                .map(route -> (route.shared() && !signedIn ? "public" : "private")
                        + (route.seconds() == 0 ? ", no-cache" : ", max-age=" + route.seconds()))
                .orElse("no-store");
    }

    /** How a client may keep this path's answer, or empty for no-store. */
    Optional<Route> route(String path) {
        PathContainer container = PathContainer.parsePath(path);
        for (var route : routes.entrySet()) {
            if (route.getKey().matches(container)) {
                return route.getValue();
            }
        }
        return Optional.empty();
    }

    /** The error page that follows a failure is kept by no one. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean read = request.getMethod().equals("GET") || request.getMethod().equals("HEAD");
        if (!read || route(path).isEmpty() || request.getDispatcherType() == DispatcherType.ERROR) {
            response.setHeader("Cache-Control", "no-store");
            chain.doFilter(request, response);
            return;
        }
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        boolean signedIn = who != null && who.isAuthenticated() && !(who instanceof AnonymousAuthenticationToken);
        response.setHeader("Cache-Control", cacheControl(path, signedIn));
        // the same URL answers a visitor and a signed-in person differently (the public board)
        response.setHeader("Vary", "Cookie, Authorization");
        try {
            etags.doFilter(request, new ErrorsNotStored(response), chain);
        } catch (ServletException | IOException | RuntimeException failure) {
            if (!response.isCommitted()) {
                response.setHeader("Cache-Control", "no-store");
            }
            throw failure;
        }
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
