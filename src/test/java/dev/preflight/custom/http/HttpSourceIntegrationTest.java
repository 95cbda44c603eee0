package dev.preflight.custom.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import dev.preflight.TestClock;
import dev.preflight.custom.HttpSpec;
import dev.preflight.custom.HttpSpec.Auth;
import dev.preflight.custom.HttpSpec.AuthType;
import dev.preflight.custom.HttpSpec.Pagination;
import dev.preflight.custom.HttpSpec.PaginationType;
import dev.preflight.custom.Secrets;
import dev.preflight.custom.SourceAnswer;
import dev.preflight.custom.SourceContext;
import dev.preflight.custom.SourceFailure;
import dev.preflight.custom.SourceLimits;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** HTTP sources against real HTTP servers on loopback, allowed as 127.0.0.1/32. */
class HttpSourceIntegrationTest {

    private static final SourceContext CONTEXT =
            new SourceContext("PRJ", "1.0 & co", "1.0/final", List.of("PRJ-1", "PRJ-2"));
    private static final Secrets SECRETS = new Secrets(
            Map.of(
                    "PREFLIGHT_SECRET_API_TOKEN", "t0ken-value",
                    "PREFLIGHT_SECRET_API_PASSWORD", "pa:ss word",
                    "PREFLIGHT_SECRET_CLIENT_SECRET", "client&secret"),
            null);

    private final TestServer server = startServer();
    private final TestClock clock = new TestClock(Instant.parse("2026-03-02T10:00:00Z"));
    private OutboundHttp http = http(Map.of());

    private static TestServer startServer() {
        try {
            return new TestServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() throws IOException {
        http.close();
        server.close();
    }

    private OutboundHttp http(Map<String, String> settings) {
        return new OutboundHttp(new AllowedHosts(List.of("127.0.0.1/32")), limits(settings), clock, duration -> {});
    }

    private static SourceLimits limits(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of("allowed-hosts", "127.0.0.1/32"));
        all.putAll(settings);
        return SourceLimits.of(all);
    }

    private HttpSource source(HttpSpec spec) {
        return new HttpSource("test", spec, http, SECRETS, limits(Map.of()), clock);
    }

    private HttpSpec get(String path, Auth auth, Pagination paginate) {
        return new HttpSpec(server.url(path).toString(), "GET", Map.of(), Map.of(), null, auth, paginate);
    }

    private static Pagination paging(
            PaginationType type,
            @Nullable String param,
            int size,
            int start,
            @Nullable String path,
            @Nullable String items,
            int maxPages) {
        return new Pagination(
                type, param, type == PaginationType.CURSOR ? null : "per_page", size, start, path, items, maxPages);
    }

    private static String numbers(int from, int to) {
        return IntStream.range(from, to).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
    }

    private static Map<String, String> query(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return Map.of();
        }
        return java.util.Arrays.stream(raw.split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(
                        pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                        pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    }

    @Test
    void answerWithoutPagingIsHandedOnAsIs() throws SourceFailure {
        server.on("/pipelines", exchange -> TestServer.json(exchange, 200, "{\"status\":\"success\",\"id\":7}"));
        SourceAnswer answer =
                source(get("/pipelines", Auth.NONE, Pagination.NONE)).fetch(CONTEXT);
        assertThat(answer.value()).isEqualTo(Map.of("status", "success", "id", 7));
        assertThat(answer.bytes()).isEqualTo("{\"status\":\"success\",\"id\":7}".length());
        assertThat(answer.requests()).isEqualTo(1);
    }

    @Test
    void placeholdersAreEncodedInTheUrlAndVerbatimElsewhere() throws SourceFailure {
        server.on("/projects", exchange -> TestServer.json(exchange, 200, "[]"));
        HttpSpec spec = new HttpSpec(
                "http://127.0.0.1:" + server.port() + "/projects/{project}/releases/{release}?fix={packagingRelease}",
                "POST",
                Map.of("keys", "{tickets}", "jql", "fixVersion = \"{release}\""),
                Map.of("X-Release", "{release}"),
                Map.of("release", "{release}", "tickets", List.of("{tickets}"), "limit", 5),
                Auth.NONE,
                Pagination.NONE);
        source(spec).fetch(CONTEXT);
        TestServer.Seen seen = server.seen.getFirst();
        assertThat(seen.target())
                .isEqualTo(
                        "/projects/PRJ/releases/1.0%20%26%20co?fix=1.0%2Ffinal&jql=fixVersion%20%3D%20%221.0%20%26%20co%22"
                                + "&keys=PRJ-1%2CPRJ-2");
        assertThat(seen.headers().getFirst("X-Release")).isEqualTo("1.0 & co");
        assertThat(seen.headers().getFirst("Content-Type")).startsWith("application/json");
        assertThat(seen.body()).contains("\"release\":\"1.0 & co\"", "\"tickets\":[\"PRJ-1,PRJ-2\"]", "\"limit\":5");
    }

    @Test
    void basicAuth() throws SourceFailure {
        String expected =
                "Basic " + Base64.getEncoder().encodeToString("preflight:pa:ss word".getBytes(StandardCharsets.UTF_8));
        server.on("/basic", exchange -> {
            boolean ok = expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            TestServer.json(exchange, ok ? 200 : 401, ok ? "[\"in\"]" : "{}");
        });
        Auth basic = new Auth(AuthType.BASIC, "preflight", "API_PASSWORD", null, null, null, null);
        assertThat(source(get("/basic", basic, Pagination.NONE)).fetch(CONTEXT).value())
                .isEqualTo(List.of("in"));
        Auth wrong = new Auth(AuthType.BASIC, "preflight", "API_TOKEN", null, null, null, null);
        assertThatThrownBy(() -> source(get("/basic", wrong, Pagination.NONE)).fetch(CONTEXT))
                .hasMessage("GET http://127.0.0.1:" + server.port() + "/basic answered 401");
    }

    @Test
    void bearerAuth() throws SourceFailure {
        server.on("/bearer", exchange -> {
            boolean ok =
                    "Bearer t0ken-value".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            TestServer.json(exchange, ok ? 200 : 401, "[]");
        });
        Auth bearer = new Auth(AuthType.BEARER, null, "API_TOKEN", null, null, null, null);
        assertThat(source(get("/bearer", bearer, Pagination.NONE))
                        .fetch(CONTEXT)
                        .value())
                .isEqualTo(List.of());
        assertThatThrownBy(
                        () -> source(get("/bearer", Auth.NONE, Pagination.NONE)).fetch(CONTEXT))
                .hasMessageEndingWith("/bearer answered 401");
    }

    @Test
    void headerAuth() throws SourceFailure {
        server.on("/header", exchange -> {
            boolean ok = "t0ken-value".equals(exchange.getRequestHeaders().getFirst("PRIVATE-TOKEN"));
            TestServer.json(exchange, ok ? 200 : 401, "[]");
        });
        Auth header = new Auth(AuthType.HEADER, null, "API_TOKEN", "PRIVATE-TOKEN", null, null, null);
        assertThat(source(get("/header", header, Pagination.NONE))
                        .fetch(CONTEXT)
                        .value())
                .isEqualTo(List.of());
        assertThatThrownBy(
                        () -> source(get("/header", Auth.NONE, Pagination.NONE)).fetch(CONTEXT))
                .hasMessageEndingWith("/header answered 401");
    }

    @Test
    void missingSecretIsNamedNeverShown() {
        Auth bearer = new Auth(AuthType.BEARER, null, "NOT_SET", null, null, null, null);
        server.on("/x", exchange -> TestServer.json(exchange, 200, "[]"));
        assertThatThrownBy(() -> source(get("/x", bearer, Pagination.NONE)).fetch(CONTEXT))
                .hasMessageStartingWith("secret NOT_SET is not set");
    }

    /** A token endpoint that checks the client's credentials and hands out tok-1, tok-2...; an API that wants the last. */
    private final class OAuth2Server {
        final AtomicInteger issued = new AtomicInteger();
        final AtomicReference<String> valid = new AtomicReference<>("");
        final AtomicReference<String> scope = new AtomicReference<>();

        OAuth2Server() {
            String client = "Basic "
                    + Base64.getEncoder()
                            .encodeToString("preflight%2Fci:client%26secret".getBytes(StandardCharsets.UTF_8));
            server.on("/token", exchange -> {
                Map<String, String> form = java.util.Arrays.stream(
                                server.seen.getLast().body().split("&"))
                        .map(pair -> pair.split("=", 2))
                        .collect(Collectors.toMap(
                                pair -> pair[0], pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
                if (!"POST".equals(exchange.getRequestMethod())
                        || !client.equals(exchange.getRequestHeaders().getFirst("Authorization"))
                        || !"client_credentials".equals(form.get("grant_type"))) {
                    TestServer.json(exchange, 401, "{\"error\":\"invalid_client\"}");
                    return;
                }
                scope.set(form.get("scope"));
                String token = "tok-" + issued.incrementAndGet();
                valid.set(token);
                TestServer.json(
                        exchange,
                        200,
                        "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":60}");
            });
            server.on("/api", exchange -> {
                boolean ok = ("Bearer " + valid.get())
                        .equals(exchange.getRequestHeaders().getFirst("Authorization"));
                TestServer.json(exchange, ok ? 200 : 401, ok ? "[\"" + valid.get() + "\"]" : "{}");
            });
        }

        HttpSource source() {
            Auth oauth2 = new Auth(
                    AuthType.OAUTH2,
                    null,
                    "CLIENT_SECRET",
                    null,
                    server.url("/token").toString(),
                    "preflight/ci",
                    "read:api");
            return HttpSourceIntegrationTest.this.source(get("/api", oauth2, Pagination.NONE));
        }
    }

    @Test
    void oauth2TokenIsFetchedOnceAndReused() throws SourceFailure {
        OAuth2Server oauth2 = new OAuth2Server();
        SourceAnswer first = oauth2.source().fetch(CONTEXT);
        SourceAnswer second = oauth2.source().fetch(CONTEXT);
        assertThat(first.value()).isEqualTo(List.of("tok-1"));
        assertThat(second.value()).isEqualTo(List.of("tok-1"));
        assertThat(first.requests()).as("token and API").isEqualTo(2);
        assertThat(second.requests()).isEqualTo(1);
        assertThat(oauth2.issued).hasValue(1);
        assertThat(oauth2.scope).hasValue("read:api");
    }

    @Test
    void oauth2TokenIsRefreshedAfterExpiry() throws SourceFailure {
        OAuth2Server oauth2 = new OAuth2Server();
        oauth2.source().fetch(CONTEXT);
        clock.advance(Duration.ofSeconds(50));
        assertThat(oauth2.source().fetch(CONTEXT).value()).as("within its life").isEqualTo(List.of("tok-1"));
        clock.advance(Duration.ofSeconds(5)); // 55 s: refreshed a little before the 60 s expiry
        assertThat(oauth2.source().fetch(CONTEXT).value()).isEqualTo(List.of("tok-2"));
        assertThat(oauth2.issued).hasValue(2);
    }

    @Test
    void oauth2TokenRefusedByTheApiIsRenewedOnce() throws SourceFailure {
        OAuth2Server oauth2 = new OAuth2Server();
        oauth2.source().fetch(CONTEXT);
        oauth2.valid.set("revoked-all"); // the API no longer takes tok-1
        assertThat(oauth2.source().fetch(CONTEXT).value()).isEqualTo(List.of("tok-2"));
        assertThat(oauth2.issued).hasValue(2);
    }

    @Test
    void oauth2WrongClientSecretFailsWithoutShowingIt() {
        OAuth2Server oauth2 = new OAuth2Server();
        Auth wrong = new Auth(
                AuthType.OAUTH2, null, "API_TOKEN", null, server.url("/token").toString(), "preflight/ci", null);
        assertThatThrownBy(() -> source(get("/api", wrong, Pagination.NONE)).fetch(CONTEXT))
                .hasMessage(
                        "OAuth2 token request failed: POST http://127.0.0.1:" + server.port() + "/token answered 401")
                .message()
                .doesNotContain("t0ken-value");
        assertThat(oauth2.issued).hasValue(0);
    }

    @Test
    void pagesByNumberUntilAShortPage() throws SourceFailure {
        server.on("/paged", exchange -> {
            Map<String, String> query = query(exchange);
            int page = Integer.parseInt(query.get("page"));
            int size = Integer.parseInt(query.get("per_page"));
            int from = (page - 1) * size;
            TestServer.json(exchange, 200, numbers(from, Math.min(from + size, 25)));
        });
        SourceAnswer answer = source(
                        get("/paged", Auth.NONE, paging(PaginationType.PAGE, "page", 10, 1, null, null, 100)))
                .fetch(CONTEXT);
        assertThat(answer.value()).isEqualTo(IntStream.range(0, 25).boxed().toList());
        assertThat(answer.requests()).isEqualTo(3);
        assertThat(server.seen)
                .extracting(TestServer.Seen::query)
                .containsExactly("page=1&per_page=10", "page=2&per_page=10", "page=3&per_page=10");
    }

    @Test
    void pagesByNumberUntilAnEmptyPageAndWithinMaxPages() throws SourceFailure {
        server.on("/paged", exchange -> {
            int page = Integer.parseInt(query(exchange).get("page"));
            TestServer.json(exchange, 200, page < 2 ? numbers(page * 10, page * 10 + 10) : "[]");
        });
        SourceAnswer answer = source(
                        get("/paged", Auth.NONE, paging(PaginationType.PAGE, "page", 10, 0, null, null, 100)))
                .fetch(CONTEXT);
        assertThat(answer.value()).isEqualTo(IntStream.range(0, 20).boxed().toList());
        assertThat(server.count("/paged")).isEqualTo(3);

        server.on("/endless", exchange -> TestServer.json(exchange, 200, numbers(0, 10)));
        SourceAnswer capped = source(
                        get("/endless", Auth.NONE, paging(PaginationType.PAGE, "page", 10, 0, null, null, 3)))
                .fetch(CONTEXT);
        assertThat((List<?>) capped.value()).hasSize(30);
        assertThat(server.count("/endless")).isEqualTo(3);
    }

    @Test
    void pagesByOffsetWithItemsPath() throws SourceFailure {
        server.on("/offset", exchange -> {
            Map<String, String> query = query(exchange);
            int offset = Integer.parseInt(query.get("start"));
            int size = Integer.parseInt(query.get("per_page"));
            TestServer.json(
                    exchange,
                    200,
                    "{\"data\":{\"total\":12,\"items\":" + numbers(offset, Math.min(offset + size, 12)) + "}}");
        });
        SourceAnswer answer = source(get(
                        "/offset", Auth.NONE, paging(PaginationType.OFFSET, "start", 5, 0, null, "data.items", 100)))
                .fetch(CONTEXT);
        assertThat(answer.value()).isEqualTo(IntStream.range(0, 12).boxed().toList());
        assertThat(server.seen)
                .extracting(TestServer.Seen::query)
                .containsExactly("start=0&per_page=5", "start=5&per_page=5", "start=10&per_page=5");
    }

    @Test
    void pagesByCursor() throws SourceFailure {
        server.on("/cursor", exchange -> {
            String cursor = query(exchange).get("after");
            String body = switch (cursor == null ? "" : cursor) {
                case "" -> "{\"values\":[{\"id\":1},{\"id\":2}],\"meta\":{\"next\":\"c/2\"}}";
                case "c/2" -> "{\"values\":[{\"id\":3}],\"meta\":{\"next\":\"c/3\"}}";
                default -> "{\"values\":[{\"id\":4}],\"meta\":{\"next\":null}}";
            };
            TestServer.json(exchange, 200, body);
        });
        SourceAnswer answer = source(get(
                        "/cursor?state=open",
                        Auth.NONE,
                        paging(PaginationType.CURSOR, "after", 0, 0, "meta.next", "values", 100)))
                .fetch(CONTEXT);
        assertThat(answer.value())
                .isEqualTo(List.of(Map.of("id", 1), Map.of("id", 2), Map.of("id", 3), Map.of("id", 4)));
        assertThat(server.seen)
                .extracting(TestServer.Seen::query)
                .containsExactly("state=open", "state=open&after=c%2F2", "state=open&after=c%2F3");
    }

    @Test
    void pagesByLinkHeader() throws SourceFailure {
        server.on("/linked", exchange -> {
            String page = query(exchange).getOrDefault("page", "1");
            switch (page) {
                case "1" ->
                    exchange.getResponseHeaders()
                            .add(
                                    "Link",
                                    "<http://127.0.0.1:" + server.port()
                                            + "/linked?page=2>; rel=\"next\", </linked?page=9>; rel=\"last\"");
                case "2" ->
                    exchange.getResponseHeaders()
                            .add("Link", "</linked?page=1>; rel=\"prev first\", </linked?page=3>; rel=next");
                default -> exchange.getResponseHeaders().add("Link", "</linked?page=1>; rel=\"first\"");
            }
            TestServer.json(exchange, 200, "[\"p" + page + "\"]");
        });
        SourceAnswer answer = source(
                        get("/linked", Auth.NONE, paging(PaginationType.LINK, null, 0, 0, null, null, 100)))
                .fetch(CONTEXT);
        assertThat(answer.value()).isEqualTo(List.of("p1", "p2", "p3"));
    }

    @Test
    void nextLinkToADisallowedHostFails() {
        server.on("/linked", exchange -> {
            exchange.getResponseHeaders().add("Link", "<http://169.254.169.254/latest>; rel=\"next\"");
            TestServer.json(exchange, 200, "[1]");
        });
        assertThatThrownBy(() -> source(
                                get("/linked", Auth.NONE, paging(PaginationType.LINK, null, 0, 0, null, null, 100)))
                        .fetch(CONTEXT))
                .hasMessage("host 169.254.169.254 is refused: link-local and metadata addresses are never allowed");
    }

    @Test
    void pageThatIsNotAnArrayNeedsAnItemsPath() {
        server.on("/object", exchange -> TestServer.json(exchange, 200, "{\"items\":[1]}"));
        assertThatThrownBy(() -> source(
                                get("/object", Auth.NONE, paging(PaginationType.PAGE, "page", 10, 1, null, null, 100)))
                        .fetch(CONTEXT))
                .hasMessage("page 1 of the answer is not an array and paginate.items is not set");
    }

    @Test
    void htmlAnswerIsAFailure() {
        server.on("/login", exchange -> {
            byte[] page = "<html><body>Sign in</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
        });
        assertThatThrownBy(() -> source(get("/login?next=/x", Auth.NONE, Pagination.NONE))
                        .fetch(CONTEXT))
                .hasMessage("GET http://127.0.0.1:" + server.port() + "/login answered text/html, not JSON");
    }

    @Test
    void answerThatIsNotJsonIsAFailure() {
        server.on("/text", exchange -> {
            byte[] page = "OK then".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
        });
        assertThatThrownBy(
                        () -> source(get("/text", Auth.NONE, Pagination.NONE)).fetch(CONTEXT))
                .hasMessage("GET http://127.0.0.1:" + server.port() + "/text answered text/plain that is not JSON");
    }

    @Test
    void answerBytesAreCountedOverAllPages() throws IOException {
        http.close();
        http = http(Map.of("max-answer-bytes", "100"));
        server.on("/paged", exchange -> TestServer.json(exchange, 200, numbers(0, 10) + " ".repeat(40)));
        HttpSource source = new HttpSource(
                "test",
                get("/paged", Auth.NONE, paging(PaginationType.PAGE, "page", 10, 1, null, null, 100)),
                http,
                SECRETS,
                limits(Map.of("max-answer-bytes", "100")),
                clock);
        assertThatThrownBy(() -> source.fetch(CONTEXT))
                .hasMessage("GET http://127.0.0.1:" + server.port()
                        + "/paged: the answers exceed 100 bytes in all (preflight.sources.max-answer-bytes)");
    }

    @Test
    void retriesAndRedirectsAreCountedAsRequests() throws SourceFailure {
        AtomicBoolean limited = new AtomicBoolean(true);
        server.on("/old", exchange -> {
            exchange.getResponseHeaders().set("Location", "/new");
            TestServer.status(exchange, 308);
        });
        server.on("/new", exchange -> {
            if (limited.getAndSet(false)) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                TestServer.status(exchange, 429);
            } else {
                TestServer.json(exchange, 200, "[]");
            }
        });
        assertThat(source(get("/old", Auth.NONE, Pagination.NONE))
                        .fetch(CONTEXT)
                        .requests())
                .isEqualTo(3);
    }

    @Test
    void headersTheConnectionOwnsOrLineBreaksAreRefused() {
        server.on("/x", exchange -> TestServer.json(exchange, 200, "[]"));
        HttpSpec host = new HttpSpec(
                server.url("/x").toString(),
                "GET",
                Map.of(),
                Map.of("Host", "internal"),
                null,
                Auth.NONE,
                Pagination.NONE);
        assertThatThrownBy(() -> source(host).fetch(CONTEXT)).hasMessage("header Host may not be set by a source");
        HttpSpec injected = new HttpSpec(
                server.url("/x").toString(),
                "GET",
                Map.of(),
                Map.of("X-Release", "{release}"),
                null,
                Auth.NONE,
                Pagination.NONE);
        SourceContext newline = new SourceContext("PRJ", "1.0\r\nX-Admin: yes", "1.0", List.of());
        assertThatThrownBy(() -> source(injected).fetch(newline))
                .hasMessage("header X-Release would hold a line break");
        assertThat(server.seen).isEmpty();
    }

    @Test
    void toStringShowsNoQueryNorSecret() {
        HttpSpec spec = new HttpSpec(
                server.url("/x?private_token=abc").toString(),
                "GET",
                Map.of(),
                Map.of(),
                null,
                new Auth(AuthType.BEARER, null, "API_TOKEN", null, null, null, null),
                Pagination.NONE);
        assertThat(source(spec).toString()).isEqualTo("HttpSource[test, GET http://127.0.0.1:" + server.port() + "/x]");
    }
}
