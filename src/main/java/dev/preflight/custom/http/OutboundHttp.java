package dev.preflight.custom.http;

import dev.preflight.custom.SourceFailure;
import dev.preflight.custom.SourceLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * The one outbound HTTP client of custom sources. Every connection goes to an address that
 * {@link AllowedHosts} resolved and passed (the client's own DNS step is that check), redirects
 * are followed by hand so each hop is checked and counted, answers are read against a byte budget
 * and cut off past it, and 429/502/503/504 (and I/O errors of idempotent requests) are retried.
 * Failures are one line naming the method and the URL without its query, which may hold secrets.
 */
public final class OutboundHttp implements AutoCloseable {

    static final int MAX_REDIRECTS = 5;
    /** Retried for any method: sources only read, a POST being a query (a search) rather than a change. */
    private static final Set<Integer> RETRIED = Set.of(429, 502, 503, 504);

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    /** What is read of an answer that is not used (redirects, errors) before dropping the connection. */
    private static final int DISCARDED_BYTES = 16 * 1024;

    /** Waiting between attempts; tests replace it to avoid sleeping. */
    @FunctionalInterface
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final AllowedHosts hosts;
    private final SourceLimits limits;
    private final Clock clock;
    private final Pause pause;
    private final CloseableHttpClient client;
    /** OAuth2 tokens outlive one source run; they live as long as this client. */
    final OAuth2Tokens tokens = new OAuth2Tokens();

    public OutboundHttp(AllowedHosts hosts, SourceLimits limits) {
        this(hosts, limits, Clock.systemUTC(), Thread::sleep);
    }

    OutboundHttp(AllowedHosts hosts, SourceLimits limits, Clock clock, Pause pause) {
        this.hosts = hosts;
        this.limits = limits;
        this.clock = clock;
        this.pause = pause;
        Timeout read = Timeout.of(limits.readTimeout());
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckedDns(hosts))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(limits.connectTimeout()))
                                .setSocketTimeout(read)
                                .build())
                        .setMaxConnTotal(20)
                        .setMaxConnPerRoute(5)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(read)
                        .setConnectionRequestTimeout(Timeout.of(limits.connectTimeout()))
                        .setRedirectsEnabled(false)
                        .setAuthenticationEnabled(false)
                        .build())
                // no system proxy, no cookies or cached auth shared between sources, our own retries and redirects
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    /**
     * One request.
     *
     * @param headers sent on every hop
     * @param credentials headers sent only to the request's own origin, never after a redirect elsewhere
     * @param maxBytes the most of the answer's body that may be read
     */
    public record Request(
            String method,
            URI uri,
            Map<String, String> headers,
            Map<String, String> credentials,
            byte @Nullable [] body,
            @Nullable String contentType,
            long maxBytes) {

        public Request {
            headers = Map.copyOf(headers);
            credentials = Map.copyOf(credentials);
        }

        public static Request get(URI uri, long maxBytes) {
            return new Request("GET", uri, Map.of(), Map.of(), null, null, maxBytes);
        }

        Request with(String newMethod, URI newUri, byte @Nullable [] newBody, @Nullable String newType) {
            boolean sameOrigin = origin(newUri).equals(origin(uri));
            return new Request(
                    newMethod, newUri, headers, sameOrigin ? credentials : Map.of(), newBody, newType, maxBytes);
        }

        boolean idempotent() {
            return method.equals("GET") || method.equals("HEAD");
        }

        /** Method and URL without query: never a header, body or credential. */
        @Override
        public String toString() {
            return method + " " + display(uri);
        }
    }

    /**
     * A 2xx answer.
     *
     * @param uri where it came from after redirects (the base of relative links)
     * @param headers by lower-case name
     * @param requests attempts made, retries and redirects included
     */
    public record Answer(int status, URI uri, Map<String, List<String>> headers, byte[] body, int requests) {

        public Answer {
            headers = Map.copyOf(headers);
        }

        public List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        public @Nullable String header(String name) {
            List<String> values = headers(name);
            return values.isEmpty() ? null : values.getFirst();
        }

        @Override
        public String toString() {
            return "Answer[" + status + " from " + display(uri) + ", " + body.length + " bytes]";
        }
    }

    /** An answer outside 2xx after retries; its status lets callers react (a 401 drops an OAuth2 token). */
    static final class StatusFailure extends SourceFailure {
        final int status;

        StatusFailure(String message, int status) {
            super(message);
            this.status = status;
        }
    }

    /** An answer over the request's byte budget, cut off unread. */
    static final class TooLarge extends SourceFailure {
        TooLarge(String message) {
            super(message);
        }
    }

    public Answer send(Request request) throws SourceFailure {
        Request hop = request;
        String via = "";
        int requests = 0;
        for (int redirects = 0; ; redirects++) {
            Exchange exchange = exchange(hop, via);
            requests += exchange.attempts;
            if (!REDIRECTS.contains(exchange.status)) {
                return new Answer(exchange.status, hop.uri(), exchange.headers, exchange.body, requests);
            }
            if (redirects == MAX_REDIRECTS) {
                throw new SourceFailure(hop + " redirected more than " + MAX_REDIRECTS + " times");
            }
            Request next = redirected(hop, exchange);
            via = hop + " redirected to " + display(next.uri()) + ": ";
            hop = next;
        }
    }

    private Request redirected(Request hop, Exchange exchange) throws SourceFailure {
        List<String> location = exchange.headers.getOrDefault("location", List.of());
        if (location.isEmpty()) {
            throw new SourceFailure(hop + " answered " + exchange.status + " without a Location");
        }
        URI next;
        try {
            String resolved = hop.uri().resolve(location.getFirst().strip()).toString();
            int fragment = resolved.indexOf('#');
            next = URI.create(fragment < 0 ? resolved : resolved.substring(0, fragment));
        } catch (IllegalArgumentException e) {
            throw new SourceFailure(hop + " redirected to an invalid location");
        }
        requireScheme(next, hop + " redirected to ");
        // 303 always, and 301/302 after a POST as browsers do, continue as a GET without the body
        boolean toGet = exchange.status == 303
                || (exchange.status <= 302 && !hop.method().equals("HEAD"));
        return toGet ? hop.with("GET", next, null, null) : hop.with(hop.method(), next, hop.body(), hop.contentType());
    }

    private record Exchange(int status, Map<String, List<String>> headers, byte[] body, int attempts) {}

    /** One hop with its retries; returns 2xx and redirects, fails on anything else. */
    private Exchange exchange(Request request, String via) throws SourceFailure {
        requireScheme(request.uri(), "cannot request ");
        String host = request.uri().getHost();
        if (AllowedHosts.isLiteral(host)) {
            try {
                hosts.require(host); // the client skips DNS for some literals: check them here too
            } catch (SourceFailure refused) {
                throw new SourceFailure(via + refused.getMessage());
            }
        }
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt >= limits.attempts();
            HttpUriRequestBase message = message(request);
            ClassicHttpResponse response;
            try {
                response = client.executeOpen(null, message, null);
            } catch (RefusedHost e) {
                throw new SourceFailure(via + e.getMessage());
            } catch (UnknownHostException e) {
                throw new SourceFailure("host " + host + " could not be resolved");
            } catch (IOException e) {
                if (last || !request.idempotent()) {
                    throw new SourceFailure(request + " " + describe(e));
                }
                waitBefore(attempt + 1, null, request);
                continue;
            }
            try {
                int status = response.getCode();
                Map<String, List<String>> headers = headers(response);
                if (status >= 200 && status < 300) {
                    byte[] body = read(message, response, request.maxBytes());
                    if (body == null) {
                        throw new TooLarge(request + " answered more than " + request.maxBytes()
                                + " bytes (preflight.sources.max-answer-bytes)");
                    }
                    return new Exchange(status, headers, body, attempt);
                }
                discard(message, response);
                if (REDIRECTS.contains(status)) {
                    return new Exchange(status, headers, new byte[0], attempt);
                }
                if (!RETRIED.contains(status) || last) {
                    String after = RETRIED.contains(status) && attempt > 1 ? " (after " + attempt + " attempts)" : "";
                    throw new StatusFailure(request + " answered " + status + after, status);
                }
                List<String> retryAfter = headers.getOrDefault("retry-after", List.of());
                waitBefore(attempt + 1, retryAfter.isEmpty() ? null : retryAfter.getFirst(), request);
            } catch (IOException e) {
                if (last || !request.idempotent()) {
                    throw new SourceFailure(request + " " + describe(e));
                }
                waitBefore(attempt + 1, null, request);
            } finally {
                closeQuietly(response);
            }
        }
    }

    private HttpUriRequestBase message(Request request) {
        HttpUriRequestBase message = new HttpUriRequestBase(request.method(), request.uri());
        request.headers().forEach(message::setHeader);
        request.credentials().forEach(message::setHeader);
        if (request.body() != null) {
            message.setEntity(new ByteArrayEntity(
                    request.body(),
                    request.contentType() == null
                            ? ContentType.APPLICATION_JSON
                            : ContentType.parse(request.contentType())));
        }
        return message;
    }

    /** The body, or null when it is longer than {@code max}: then the connection is dropped unread. */
    private static byte @Nullable [] read(HttpUriRequestBase message, ClassicHttpResponse response, long max)
            throws IOException {
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return new byte[0];
        }
        if (entity.getContentLength() > max) {
            message.cancel();
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        InputStream in = entity.getContent();
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > max) {
                message.cancel(); // closing the stream would read the rest: abort the connection instead
                return null;
            }
            bytes.write(buffer, 0, n);
        }
        in.close();
        return bytes.toByteArray();
    }

    /** Reads a small unused body so the connection can be reused; a large or broken one drops it. */
    private static void discard(HttpUriRequestBase message, ClassicHttpResponse response) {
        try {
            read(message, response, DISCARDED_BYTES);
        } catch (IOException e) {
            message.cancel(); // the status is what matters, not how its body ended
        }
    }

    private static Map<String, List<String>> headers(ClassicHttpResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            headers.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .add(header.getValue());
        }
        headers.replaceAll((name, values) -> List.copyOf(values));
        return headers;
    }

    private void waitBefore(int nextAttempt, @Nullable String retryAfter, Request request) throws SourceFailure {
        Duration told = retryAfter(retryAfter);
        Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(nextAttempt - 2, 16));
        Duration wait = told != null ? told : backoff;
        if (wait.compareTo(limits.maxRetryWait()) > 0) {
            wait = limits.maxRetryWait();
        }
        try {
            pause.pause(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceFailure(request + " was interrupted");
        }
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    @Nullable
    Duration retryAfter(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(
                        clock.instant(), ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private String describe(IOException e) {
        if (e instanceof ConnectTimeoutException) {
            return "could not connect within " + seconds(limits.connectTimeout());
        }
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            return "gave no answer within " + seconds(limits.readTimeout()) + " (preflight.sources.read-timeout)";
        }
        if (e instanceof ConnectException) {
            return "could not connect (connection refused)";
        }
        if (e instanceof SSLException) {
            return "failed in TLS (" + oneLine(e.getMessage()) + ")";
        }
        return "failed (" + e.getClass().getSimpleName() + ")";
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static String oneLine(@Nullable String text) {
        if (text == null) {
            return "no details";
        }
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException | RuntimeException ignored) {
            // the connection was dropped on purpose (cancel) or is broken: nothing left to release
        }
    }

    static void requireScheme(URI uri, String context) throws SourceFailure {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new SourceFailure(context + "a URL with scheme '" + scheme + "': only http and https are allowed");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new SourceFailure(context + "a URL without a host");
        }
    }

    /** scheme://host[:port]/path, without user info, query or fragment. */
    static String display(URI uri) {
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() + "://" + uri.getHost() + port + path;
    }

    private static String origin(URI uri) {
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT) + ":" + port;
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    /** Refused by the host rules while connecting; carries the one-line reason. */
    private static final class RefusedHost extends UnknownHostException {
        RefusedHost(String message) {
            super(message);
        }
    }

    /** The client's name resolution: the host rules, so the socket connects to a checked address. */
    private record CheckedDns(AllowedHosts hosts) implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            try {
                return hosts.checkedAddresses(host);
            } catch (SourceFailure refused) {
                throw new RefusedHost(refused.getMessage());
            }
        }

        @Override
        public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
            return Arrays.stream(resolve(host))
                    .map(address -> new InetSocketAddress(address, port))
                    .toList();
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host; // never a reverse lookup: the name given is the name checked
        }
    }
}
