package dev.preflight.upstream;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON requests to one upstream. Retries what the policy allows on the given statuses and, for
 * idempotent requests, on connection failures.
 */
public final class JsonHttp {

    private final String upstream;
    private final String baseUrl;
    private final HttpClient client;
    private final JsonMapper json;
    private final Duration requestTimeout;
    private final RetryPolicy retry;
    private final Set<Integer> retryStatuses;
    private final AtomicLong calls = new AtomicLong();

    public JsonHttp(
            String upstream,
            String baseUrl,
            Duration connectTimeout,
            Duration requestTimeout,
            RetryPolicy retry,
            Set<Integer> retryStatuses,
            JsonMapper json) {
        this.upstream = upstream;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.json = json;
        this.requestTimeout = requestTimeout;
        this.retry = retry;
        this.retryStatuses = Set.copyOf(retryStatuses);
    }

    public JsonMapper mapper() {
        return json;
    }

    /** How many HTTP requests were sent (attempts included). */
    public long callCount() {
        return calls.get();
    }

    /** The answer to one request: status and parsed body (null for an empty body). */
    public record Answer(int status, @Nullable JsonNode body) {}

    public Answer send(String method, String path, @Nullable Object body, @Nullable String authorization) {
        return send(method, path, body, authorization, !method.equals("POST"));
    }

    /**
     * Like {@link #send}, also retrying a POST after a time-out or a dropped connection: for reads
     * sent as POST (Jira's {@code bulkfetch}, {@code search/jql}) and for requests the receiver
     * de-duplicates (an idempotency key in the payload). Same attempts and budget as any request.
     */
    public Answer sendIdempotent(String method, String path, @Nullable Object body, @Nullable String authorization) {
        return send(method, path, body, authorization, true);
    }

    private Answer send(
            String method, String path, @Nullable Object body, @Nullable String authorization, boolean idempotent) {
        byte[] payload = body == null ? null : json.writeValueAsBytes(body);
        String endpoint = method + " " + path.replaceAll("\\?.*", "");
        Instant deadline = Instant.now().plus(retry.totalBudget());
        int attempt = 0;
        while (true) {
            attempt++;
            HttpResponse<byte[]> response;
            long started = System.nanoTime();
            try {
                response = client.send(
                        request(method, path, payload, authorization), HttpResponse.BodyHandlers.ofByteArray());
                calls.incrementAndGet();
                measure(method, path, started, outcome(response.statusCode()));
            } catch (HttpConnectTimeoutException | java.net.ConnectException e) {
                calls.incrementAndGet();
                measure(method, path, started, "no_answer");
                if (idempotent && canRetry(attempt, deadline, Duration.ZERO)) {
                    sleep(retry.delay(attempt, null, null, Instant.now()));
                    continue;
                }
                throw new UpstreamException(upstream, endpoint, 0, "cannot connect to " + host(), e);
            } catch (HttpTimeoutException e) {
                calls.incrementAndGet();
                measure(method, path, started, "no_answer");
                if (idempotent && canRetry(attempt, deadline, Duration.ZERO)) {
                    continue;
                }
                throw new UpstreamException(
                        upstream, endpoint, 0, "no answer within " + requestTimeout.toSeconds() + " s", e);
            } catch (IOException e) {
                calls.incrementAndGet();
                measure(method, path, started, "no_answer");
                if (idempotent && canRetry(attempt, deadline, Duration.ZERO)) {
                    sleep(retry.delay(attempt, null, null, Instant.now()));
                    continue;
                }
                throw new UpstreamException(
                        upstream,
                        endpoint,
                        0,
                        "connection failed (" + e.getClass().getSimpleName()
                                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")",
                        e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UpstreamException(upstream, endpoint, 0, "interrupted", e);
            }
            int status = response.statusCode();
            if (retryStatuses.contains(status)) {
                Duration delay = retry.delay(
                        attempt,
                        response.headers().firstValue("Retry-After").orElse(null),
                        response.headers().firstValue("X-RateLimit-Reset").orElse(null),
                        Instant.now());
                if (canRetry(attempt, deadline, delay)) {
                    sleep(delay);
                    continue;
                }
                throw new UpstreamException(
                        upstream,
                        endpoint,
                        status,
                        "gave up after " + attempt + " attempt" + (attempt == 1 ? "" : "s"));
            }
            return new Answer(status, parse(endpoint, status, response));
        }
    }

    /**
     * Each attempt is timed into {@code preflight.upstream.requests}, by service, endpoint (a
     * template: ids, keys and versions become {@code {id}}) and outcome. Micrometer's global
     * registry, which Spring Boot feeds its own into, because clients are built by hand in many
     * places, the command line included.
     */
    private void measure(String method, String path, long startedNanos, String outcome) {
        io.micrometer.core.instrument.Timer.builder("preflight.upstream.requests")
                .description("Requests to upstream services, each attempt")
                .tag("service", upstream.toLowerCase(java.util.Locale.ROOT))
                .tag("endpoint", method + " " + template(path))
                .tag("outcome", outcome)
                .register(io.micrometer.core.instrument.Metrics.globalRegistry)
                .record(System.nanoTime() - startedNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private static String outcome(int status) {
        // a 429 is the upstream pacing us (retried): not an error of the upstream
        return status < 400 ? "success" : status == 429 ? "throttled" : status < 500 ? "client_error" : "server_error";
    }

    /** "/rest/api/3/version/10001" as "/rest/api/3/version/{id}": a word is kept, anything else is an id. */
    static String template(String path) {
        return java.util.Arrays.stream(path.replaceAll("[?#].*", "").split("/", -1))
                .map(segment -> segment.isEmpty() || segment.matches("[a-z][a-z_-]{0,40}|v?\\d") ? segment : "{id}")
                .collect(java.util.stream.Collectors.joining("/"));
    }

    private boolean canRetry(int attempt, Instant deadline, Duration delay) {
        return attempt < retry.maxAttempts() && Instant.now().plus(delay).isBefore(deadline);
    }

    private HttpRequest request(String method, String path, byte @Nullable [] payload, @Nullable String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(requestTimeout)
                .header("Accept", "application/json");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (payload != null) {
            builder.header("Content-Type", "application/json");
            builder.method(method, HttpRequest.BodyPublishers.ofByteArray(payload));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    private @Nullable JsonNode parse(String endpoint, int status, HttpResponse<byte[]> response) {
        byte[] bytes = response.body();
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (type.contains("html")) {
            throw new UpstreamException(
                    upstream,
                    endpoint,
                    status,
                    "answered an HTML page instead of JSON" + " (is the URL " + host() + " right?)");
        }
        try {
            return json.readTree(bytes);
        } catch (JacksonException e) {
            String start =
                    new String(bytes, 0, Math.min(bytes.length, 40), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
            throw new UpstreamException(
                    upstream,
                    endpoint,
                    status,
                    "answered something that is not JSON: \"" + start + (bytes.length > 40 ? "…" : "") + "\"");
        }
    }

    private String host() {
        return URI.create(baseUrl).getAuthority();
    }

    /** The message an error answer carries, whatever the upstream's error shape. */
    public static String errorText(@Nullable JsonNode body) {
        if (body == null) {
            return "no details";
        }
        for (String field : new String[] {"message", "Message", "errorMessage"}) {
            if (body.path(field).isString()) {
                return body.path(field).stringValue();
            }
        }
        if (body.path("errorMessages").isArray() && !body.path("errorMessages").isEmpty()) {
            return body.path("errorMessages").get(0).asString();
        }
        if (body.path("error").isString()) {
            return body.path("error").stringValue();
        }
        if (body.path("detail").isString()) {
            return body.path("detail").stringValue();
        }
        // validation errors by field: Lucca's problem details and Jira's "errors" map
        for (var field : body.path("errors").properties()) {
            JsonNode messages = field.getValue();
            return field.getKey() + ": "
                    + (messages.isArray() && !messages.isEmpty()
                            ? messages.get(0).asString()
                            : messages.asString());
        }
        if (body.path("title").isString()) {
            return body.path("title").stringValue();
        }
        String text = body.toString();
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }

    static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Convenience for suppliers of authorization headers that may refresh. */
    public interface Authorization extends Supplier<@Nullable String> {}
}
