package dev.preflight.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.ForwardedHeaderFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Forwarded and X-Forwarded-* headers are believed only from the configured trusted proxies
 * (then the client's address, scheme and host are the ones the proxy saw); from anyone else they
 * are removed, so a client cannot pretend to come from an allowed network or over HTTPS.
 */
final class ClientAddresses extends OncePerRequestFilter {

    private final Networks proxies;
    private final java.net.@Nullable URI publicUrl;
    private final ForwardedHeaderFilter apply = new ForwardedHeaderFilter();
    private final ForwardedHeaderFilter remove = new ForwardedHeaderFilter();

    ClientAddresses(Networks proxies, java.net.@Nullable URI publicUrl) {
        this.proxies = proxies;
        this.publicUrl = publicUrl;
        remove.setRemoveOnly(true);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean trusted = proxies.contains(request.getRemoteAddr());
        FilterChain pinned = (req, res) -> chain.doFilter(pin((HttpServletRequest) req, trusted), res);
        (trusted ? apply : remove).doFilter(request, response, pinned);
    }

    /**
     * Links and redirects are built from the configured public URL, else from what a trusted proxy
     * forwarded, else from the address the connection came in on: never from a client's Host header.
     */
    private HttpServletRequest pin(HttpServletRequest request, boolean trusted) {
        if (publicUrl != null) {
            int port = publicUrl.getPort() > 0
                    ? publicUrl.getPort()
                    : "https".equalsIgnoreCase(publicUrl.getScheme()) ? 443 : 80;
            return new Pinned(request, publicUrl.getScheme(), publicUrl.getHost(), port);
        }
        if (trusted) {
            return request;
        }
        String local = request.getLocalAddr();
        return new Pinned(
                request, request.getScheme(), local.contains(":") ? "[" + local + "]" : local, request.getLocalPort());
    }

    /** A request whose scheme, host and port are fixed, whatever its Host header said. */
    private static final class Pinned extends jakarta.servlet.http.HttpServletRequestWrapper {
        private final String scheme;
        private final String host;
        private final int port;

        Pinned(HttpServletRequest request, String scheme, String host, int port) {
            super(request);
            this.scheme = scheme;
            this.host = host;
            this.port = port;
        }

        private boolean defaultPort() {
            return ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        }

        @Override
        public String getScheme() {
            return scheme;
        }

        @Override
        public String getServerName() {
            return host;
        }

        @Override
        public int getServerPort() {
            return port;
        }

        @Override
        public boolean isSecure() {
            return "https".equals(scheme) || super.isSecure();
        }

        @Override
        public StringBuffer getRequestURL() {
            return new StringBuffer(scheme + "://" + host + (defaultPort() ? "" : ":" + port) + getRequestURI());
        }

        @Override
        public @Nullable String getHeader(String name) {
            return "host".equalsIgnoreCase(name) ? host + (defaultPort() ? "" : ":" + port) : super.getHeader(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaders(String name) {
            return "host".equalsIgnoreCase(name)
                    ? java.util.Collections.enumeration(java.util.List.of(getHeader(name)))
                    : super.getHeaders(name);
        }
    }
}
