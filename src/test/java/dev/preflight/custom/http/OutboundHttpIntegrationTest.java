package dev.preflight.custom.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.custom.SourceFailure;
import dev.preflight.custom.SourceLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbound client against real HTTP servers on loopback. */
class OutboundHttpIntegrationTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    private final TestServer server = startServer();
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    /** api.test is this test's name for 127.0.0.1; evil.test, though listed, is the metadata address. */
    private final AllowedHosts hosts = new AllowedHosts(List.of("127.0.0.1/32", "evil.test"), host -> switch (host) {
        case "api.test" -> new InetAddress[] {InetAddress.getByName("127.0.0.1")};
        case "evil.test" -> new InetAddress[] {InetAddress.getByName("169.254.169.254")};
        default -> throw new UnknownHostException(host);
    });

    private static TestServer startServer() {
        try {
            return new TestServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OutboundHttp http(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of("allowed-hosts", "127.0.0.1/32", "max-retry-wait", "30s"));
        all.putAll(settings);
        return new OutboundHttp(hosts, SourceLimits.of(all), Clock.fixed(NOW, ZoneOffset.UTC), pauses::add);
    }

    private OutboundHttp http() {
        return http(Map.of());
    }

    @Test
    void retryAfterInSecondsIsHonouredOn429() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        server.on("/limited", exchange -> {
            if (calls.incrementAndGet() == 1) {
                exchange.getResponseHeaders().set("Retry-After", "2");
                TestServer.status(exchange, 429);
            } else {
                TestServer.json(exchange, 200, "[1]");
            }
        });
        try (OutboundHttp http = http()) {
            OutboundHttp.Answer answer = http.send(OutboundHttp.Request.get(server.url("/limited"), 1000));
            assertThat(answer.status()).isEqualTo(200);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("[1]");
            assertThat(answer.requests()).isEqualTo(2);
        }
        assertThat(pauses).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void retryAfterAsHttpDateIsHonouredAndCapped() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        server.on("/busy", exchange -> {
            int call = calls.incrementAndGet();
            if (call < 3) {
                Instant at = call == 1 ? NOW.plusSeconds(10) : NOW.plusSeconds(3600);
                exchange.getResponseHeaders()
                        .set("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC)));
                TestServer.status(exchange, 503);
            } else {
                TestServer.json(exchange, 200, "{}");
            }
        });
        try (OutboundHttp http = http(Map.of("attempts", "3"))) {
            assertThat(http.send(OutboundHttp.Request.get(server.url("/busy"), 1000))
                            .requests())
                    .isEqualTo(3);
        }
        assertThat(pauses).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    @Test
    void persistentServerErrorIsOneLineWithoutTheQuery() throws Exception {
        server.on("/fail", exchange -> TestServer.status(exchange, 500));
        try (OutboundHttp http = http()) {
            assertThatThrownBy(() -> http.send(OutboundHttp.Request.get(server.url("/fail?token=s3cret&x=1"), 1000)))
                    .isInstanceOf(SourceFailure.class)
                    .hasMessage("GET http://127.0.0.1:" + server.port() + "/fail answered 500");
        }
        assertThat(server.count("/fail")).as("500 is not retried").isEqualTo(1);
    }

    @Test
    void retriedStatusGivesUpAfterTheAttempts() throws Exception {
        server.on("/down", exchange -> TestServer.status(exchange, 503));
        try (OutboundHttp http = http(Map.of("attempts", "3"))) {
            assertThatThrownBy(() -> http.send(OutboundHttp.Request.get(server.url("/down?key=k"), 1000)))
                    .hasMessage("GET http://127.0.0.1:" + server.port() + "/down answered 503 (after 3 attempts)");
        }
        assertThat(server.count("/down")).isEqualTo(3);
        assertThat(pauses).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
    }

    @Test
    void readTimeoutIsAFailure() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.on("/slow", exchange -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            TestServer.json(exchange, 200, "[]");
        });
        try (OutboundHttp http = http(Map.of("read-timeout", "300ms", "attempts", "1"))) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> http.send(OutboundHttp.Request.get(server.url("/slow"), 1000)))
                    .hasMessage("GET http://127.0.0.1:" + server.port()
                            + "/slow gave no answer within 300 ms (preflight.sources.read-timeout)");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        } finally {
            release.countDown();
        }
    }

    @Test
    void declaredOverSizeAnswerIsRefusedUnread() throws Exception {
        AtomicBoolean finished = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        server.on("/declared", exchange -> {
            try {
                exchange.sendResponseHeaders(200, 50_000_000);
                OutputStream out = exchange.getResponseBody();
                byte[] chunk = new byte[64 * 1024];
                for (int i = 0; i < 50_000_000 / chunk.length; i++) {
                    out.write(chunk);
                }
                finished.set(true);
            } catch (IOException expected) {
                // the client hung up
            } finally {
                done.countDown();
            }
        });
        try (OutboundHttp http = http()) {
            assertThatThrownBy(() -> http.send(OutboundHttp.Request.get(server.url("/declared"), 100_000)))
                    .hasMessage("GET http://127.0.0.1:" + server.port()
                            + "/declared answered more than 100000 bytes (preflight.sources.max-answer-bytes)");
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(finished).as("the server could not send it all").isFalse();
    }

    @Test
    void streamedOverSizeAnswerIsCutOff() throws Exception {
        AtomicLong written = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        server.on("/stream", exchange -> {
            try {
                exchange.sendResponseHeaders(200, 0); // chunked: no length announced
                OutputStream out = exchange.getResponseBody();
                byte[] chunk = new byte[64 * 1024];
                for (int i = 0; i < 1000; i++) {
                    out.write(chunk);
                    out.flush();
                    written.addAndGet(chunk.length);
                }
            } catch (IOException expected) {
                // the client hung up
            } finally {
                done.countDown();
            }
        });
        try (OutboundHttp http = http()) {
            assertThatThrownBy(() -> http.send(OutboundHttp.Request.get(server.url("/stream"), 100_000)))
                    .hasMessageEndingWith(
                            "/stream answered more than 100000 bytes (preflight.sources.max-answer-bytes)");
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(written.get()).as("bytes the server got out").isLessThan(1000L * 64 * 1024);
    }

    @Test
    void redirectWithinTheSameOriginKeepsCredentials() throws Exception {
        server.on("/start", exchange -> {
            exchange.getResponseHeaders().set("Location", "/target?page=2");
            TestServer.status(exchange, 302);
        });
        server.on("/target", exchange -> TestServer.json(exchange, 200, "{\"ok\":true}"));
        try (OutboundHttp http = http()) {
            OutboundHttp.Answer answer = http.send(new OutboundHttp.Request(
                    "GET", server.url("/start"), Map.of(), Map.of("Authorization", "Bearer t0k"), null, null, 1000));
            assertThat(answer.uri()).isEqualTo(server.url("/target?page=2"));
            assertThat(answer.requests()).isEqualTo(2);
        }
        assertThat(server.seen).extracting(TestServer.Seen::authorization).containsExactly("Bearer t0k", "Bearer t0k");
    }

    @Test
    void redirectToAnotherOriginDropsCredentialsAndConnectsToTheCheckedAddress() throws Exception {
        server.on("/start", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://api.test:" + server.port() + "/elsewhere");
            TestServer.status(exchange, 307);
        });
        server.on("/elsewhere", exchange -> TestServer.json(exchange, 200, "[]"));
        try (OutboundHttp http = http()) {
            http.send(new OutboundHttp.Request(
                    "GET", server.url("/start"), Map.of(), Map.of("Authorization", "Bearer t0k"), null, null, 1000));
        }
        assertThat(server.seen).extracting(TestServer.Seen::authorization).containsExactly("Bearer t0k", "null");
    }

    @Test
    void redirectToADisallowedLiteralFails() throws Exception {
        server.on("/start", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://[::1]:" + server.port() + "/");
            TestServer.status(exchange, 302);
        });
        try (OutboundHttp http = http()) {
            assertThatThrownBy(() -> http.send(OutboundHttp.Request.get(server.url("/start?secret=x"), 1000)))
                    .hasMessage("GET http://127.0.0.1:" + server.port() + "/start redirected to http://[::1]:"
                            + server.port() + "/: host [::1] is not in preflight.sources.allowed-hosts");
        }
    }

    @Test
    void redirectToANameResolvingToMetadataFails() throws Exception {
        server.on("/start", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://evil.test/latest/meta-data");
            TestServer.status(exchange, 301);
        });
        try (OutboundHttp http = http()) {
            assertThatThrownBy(() -> http.send(OutboundHttp.Request.get(server.url("/start"), 1000)))
                    .hasMessage(
                            "GET http://127.0.0.1:" + server.port()
                                    + "/start redirected to http://evil.test/latest/meta-data: host evil.test resolves to"
                                    + " 169.254.169.254, which is refused: link-local and metadata addresses are never allowed");
        }
    }

    @Test
    void redirectsAreFollowedAtMostFiveTimes() throws Exception {
        server.on("/loop", exchange -> {
            exchange.getResponseHeaders().set("Location", "/loop");
            TestServer.status(exchange, 302);
        });
        try (OutboundHttp http = http()) {
            assertThatThrownBy(() -> http.send(OutboundHttp.Request.get(server.url("/loop"), 1000)))
                    .hasMessage("GET http://127.0.0.1:" + server.port() + "/loop redirected more than 5 times");
        }
        assertThat(server.count("/loop")).isEqualTo(6);
    }

    @Test
    void onlyHttpAndHttpsAndOnlyAllowedHosts() throws Exception {
        try (OutboundHttp http = http()) {
            assertThatThrownBy(() -> http.send(OutboundHttp.Request.get(URI.create("ftp://127.0.0.1/x"), 1000)))
                    .hasMessage("cannot request a URL with scheme 'ftp': only http and https are allowed");
            assertThatThrownBy(() -> http.send(OutboundHttp.Request.get(URI.create("http://169.254.169.254/"), 1000)))
                    .hasMessage("host 169.254.169.254 is refused: link-local and metadata addresses are never allowed");
            assertThatThrownBy(() -> http.send(OutboundHttp.Request.get(URI.create("http://[::1]:1/"), 1000)))
                    .hasMessage("host [::1] is not in preflight.sources.allowed-hosts");
        }
    }

    @Test
    void connectionErrorsAreRetriedForGetOnly() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        URI nobody = URI.create("http://127.0.0.1:" + closedPort + "/x");
        try (OutboundHttp http = http(Map.of("attempts", "2"))) {
            assertThatThrownBy(() -> http.send(OutboundHttp.Request.get(nobody, 1000)))
                    .hasMessage("GET http://127.0.0.1:" + closedPort + "/x could not connect (connection refused)");
            assertThat(pauses).hasSize(1);
            assertThatThrownBy(() -> http.send(
                            new OutboundHttp.Request("POST", nobody, Map.of(), Map.of(), new byte[0], null, 1000)))
                    .hasMessage("POST http://127.0.0.1:" + closedPort + "/x could not connect (connection refused)");
            assertThat(pauses).hasSize(1);
        }
    }

    @Test
    void requestShowsNeitherQueryNorCredentials() {
        OutboundHttp.Request request = new OutboundHttp.Request(
                "GET",
                URI.create("https://user:pw@api.example.com/v1/items?token=abc"),
                Map.of("X-Api-Key", "k3y"),
                Map.of("Authorization", "Bearer s3cret"),
                null,
                null,
                10);
        assertThat(request.toString()).isEqualTo("GET https://api.example.com/v1/items");
    }
}
