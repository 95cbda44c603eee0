package dev.preflight.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One upstream simulated over HTTP on loopback, with the scenario's latency and faults applied to
 * every request before the protocol handler sees it.
 */
abstract class SimulatedServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatedServer.class);

    protected final JsonMapper json;
    private final String target;
    private final int latencyMs;
    private final Faults faults;
    private final AtomicLong requests = new AtomicLong();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private @Nullable HttpServer server;

    SimulatedServer(Scenario scenario, String target, JsonMapper json) {
        this.json = json;
        this.target = target;
        this.latencyMs = scenario.latencyMs().getOrDefault(target, 0);
        this.faults = new Faults(scenario.faults(), target);
    }

    /** Starts on the given port (0: any free one) of the loopback interface. */
    void start(int port) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        http.setExecutor(executor);
        http.createContext("/", this::serve);
        http.start();
        server = http;
    }

    String url() {
        if (server == null) {
            throw new IllegalStateException(target + " simulator is not started");
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int port() {
        return server == null ? -1 : server.getAddress().getPort();
    }

    long requestCount() {
        return requests.get();
    }

    void inject(Scenario.Fault fault) {
        faults.add(fault);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        executor.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        long count = requests.incrementAndGet();
        try (exchange) {
            int crashAfter = faults.crashAfter();
            if (crashAfter >= 0 && count > crashAfter) {
                // a crashed server: the connection drops without an answer
                exchange.getHttpContext().getServer().stop(0);
                return;
            }
            if (latencyMs > 0) {
                Thread.sleep(latencyMs);
            }
            Request request = new Request(exchange, json);
            Scenario.Fault fault = faults.next(request.method(), request.path());
            if (fault != null) {
                answerFault(request, fault);
                return;
            }
            handle(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("{} simulator failed on {}: {}", target, exchange.getRequestURI(), e.toString());
            try {
                new Request(exchange, json).respond(500, Map.of("error", "internal", "message", e.toString()));
            } catch (IOException | RuntimeException ignored) {
                // the answer may already be half sent
            }
        }
    }

    private void answerFault(Request request, Scenario.Fault fault) throws IOException, InterruptedException {
        String kind = fault.kind() == null ? "status" : fault.kind();
        switch (kind) {
            case "reset" -> {
                // the far side drops the connection before answering (a load balancer closing an
                // idle pooled connection): closing the exchange unanswered closes the socket
            }
            case "reset-after-handling" -> {
                // the request takes effect, then the connection drops before the answer
                request.drop = true;
                handle(request);
            }
            case "garbage-after-handling" -> {
                // the request takes effect, but its answer is lost: the ambiguous failure
                request.garble = true;
                handle(request);
            }
            case "html" ->
                request.respondRaw(
                        fault.status() == null ? 200 : fault.status(),
                        "text/html",
                        "<html><body><h1>Service unavailable</h1></body></html>");
            case "garbage" ->
                request.respondRaw(
                        fault.status() == null ? 200 : fault.status(), "application/json", "{\"issues\": [tru");
            case "timeout" -> {
                Thread.sleep((fault.count() == null ? 30 : fault.count()) * 1000L);
                request.respondRaw(504, "text/plain", "timeout");
            }
            default -> {
                if (fault.retryAfterS() != null) {
                    request.exchange.getResponseHeaders().set("Retry-After", String.valueOf(fault.retryAfterS()));
                }
                request.respond(fault.status(), faultBody(fault.status()));
            }
        }
    }

    /** The error body this protocol uses for an injected status. */
    protected abstract Object faultBody(int status);

    protected abstract void handle(Request request) throws IOException;

    /** One HTTP exchange, with the small conveniences the handlers share. */
    static final class Request {
        final HttpExchange exchange;
        private final JsonMapper json;
        private final Map<String, String> query = new LinkedHashMap<>();
        private boolean garble;
        private boolean drop;

        Request(HttpExchange exchange, JsonMapper json) {
            this.exchange = exchange;
            this.json = json;
            URI uri = exchange.getRequestURI();
            String raw = uri.getRawQuery();
            if (raw != null) {
                for (String pair : raw.split("&")) {
                    int eq = pair.indexOf('=');
                    String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    query.merge(key, value, (a, b) -> a + "," + b);
                }
            }
        }

        String method() {
            return exchange.getRequestMethod();
        }

        String path() {
            return exchange.getRequestURI().getPath();
        }

        @Nullable
        String query(String name) {
            return query.get(name);
        }

        int intQuery(String name, int fallback) {
            String value = query.get(name);
            try {
                return value == null || value.isBlank() ? fallback : Integer.parseInt(value);
            } catch (NumberFormatException e) {
                return fallback;
            }
        }

        @Nullable
        String header(String name) {
            return exchange.getRequestHeaders().getFirst(name);
        }

        byte[] bodyBytes() throws IOException {
            try (InputStream in = exchange.getRequestBody()) {
                return in.readAllBytes();
            }
        }

        JsonNode body() throws IOException {
            byte[] bytes = bodyBytes();
            return bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
        }

        void respond(int status, @Nullable Object body) throws IOException {
            if (body == null) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            respondRaw(status, "application/json;charset=UTF-8", json.writeValueAsString(body));
        }

        void respondRaw(int status, String contentType, String body) throws IOException {
            if (drop) {
                return; // unanswered: the exchange closes the connection
            }
            byte[] bytes = (garble ? "{\"id\": tru" : body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }
}
