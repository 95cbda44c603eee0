package dev.preflight.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.jira.JiraClient;
import dev.preflight.sandbox.DemoScenario;
import dev.preflight.sandbox.Sandbox;
import dev.preflight.security.HttpVisitor;
import dev.preflight.security.TestAccounts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public board over HTTP after one check of the demo release: counts and verdicts for anyone,
 * names only for a signed-in reader, one upstream read per lifetime however many ask, and the
 * client level of the cache (Cache-Control, ETag, 304).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReleaseBoardIntegrationTest {

    static final Sandbox SANDBOX = Sandbox.start(DemoScenario.load());
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SANDBOX.connectorProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("preflight.board.public", () -> "true");
        registry.add("preflight.board.projects", () -> "ET");
        TestAccounts.admin(registry);
    }

    @Autowired
    ApplicationContext context;

    @LocalServerPort
    int port;

    private static String token;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void checkOnce() throws Exception {
        if (token == null) {
            token = TestAccounts.adminToken(context);
            check();
        }
    }

    @Test
    void anyoneSeesTheNextReleaseWithItsVerdictAndCountsButNoName() throws Exception {
        HttpResponse<String> answer = get("/api/v1/releases/ET/next", null, null);
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode row = JSON.readTree(answer.body());
        assertThat(row.path("release").asString()).isEqualTo("H3-2026.7");
        assertThat(row.path("latest").path("verdict").path("blocking").asInt()).isEqualTo(11);
        assertThat(row.path("ticketsNotDone").asInt()).isPositive();
        assertThat(row.path("mustAct")).isEmpty();
        assertThat(row.path("latest").path("execution").isNull())
                .as("no id in the public view")
                .isTrue();
        HttpResponse<String> board = get("/board", null, null);
        assertThat(board.headers().firstValue("Cache-Control"))
                .as("a page sets a cookie (its form token): never public")
                .hasValue("private, max-age=15");
        String page = board.body();
        assertThat(page).contains("Release board", "H3-2026.7", "Not ready — 11 blocking");
        for (String name : names()) {
            assertThat(answer.body()).doesNotContain(name);
            assertThat(page).as("the public board page").doesNotContain(name);
        }
        assertThat(answer.headers().firstValue("Cache-Control")).hasValue("public, max-age=15");
        assertThat(get("/api/v1/releases/XX/next", null, null).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/releases/x%20y/next", null, null).statusCode()).isEqualTo(400);

        HttpResponse<String> signedIn = get("/api/v1/releases/ET/next", token, null);
        assertThat(JSON.readTree(signedIn.body()).path("mustAct")).isNotEmpty();
        assertThat(signedIn.headers().firstValue("Cache-Control")).hasValue("private, max-age=15");
    }

    @Test
    void fiftyAnonymousReadersCostNoUpstreamCallWithinTheLifetime() throws Exception {
        get("/api/v1/releases/ET/next", null, null); // the board is built (or already was)
        long before = context.getBean(JiraClient.class).callCount();
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                answers.add(readers.submit(() -> get("/api/v1/releases/ET/next", null, null)));
            }
            for (var answer : answers) {
                assertThat(answer.get().statusCode()).isEqualTo(200);
            }
        }
        assertThat(context.getBean(JiraClient.class).callCount() - before)
                .as("Jira calls for 50 readers within the board's 10 s lifetime")
                .isLessThanOrEqualTo(2); // at most one more per type, if the lifetime ended meanwhile
    }

    @Test
    void aClientAskingAgainWithItsEtagGets304WithoutTheBody() throws Exception {
        HttpResponse<String> first = get("/api/v1/executions?project=ET", token, null);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
        HttpResponse<String> again = get("/api/v1/executions?project=ET", token, etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        HttpResponse<String> board = get("/api/v1/releases/ET/next", null, null);
        assertThat(get(
                                "/api/v1/releases/ET/next",
                                null,
                                board.headers().firstValue("ETag").orElseThrow())
                        .statusCode())
                .isEqualTo(304);
    }

    @Test
    void noSignedInAnswerMayBeStoredByASharedCache() throws Exception {
        for (String path : List.of(
                "/",
                "/latest",
                "/executions",
                "/board",
                "/cache",
                "/api/v1/executions",
                "/api/v1/cache",
                "/api/v1/releases/ET/next",
                "/api/v1/executions/" + UUID.randomUUID())) {
            String cacheControl =
                    get(path, token, null).headers().firstValue("Cache-Control").orElse("");
            assertThat(cacheControl).as(path).doesNotContain("public").containsAnyOf("private", "no-store");
        }
        HttpVisitor visitor = new HttpVisitor(port);
        visitor.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        assertThat(visitor.get("/account").headers().firstValue("Cache-Control"))
                .as("the page that shows a new token once")
                .hasValue("no-store");
        assertThat(visitor.get("/executions").headers().firstValue("Cache-Control"))
                .hasValue("private, no-cache");
    }

    @Test
    void anAdministratorChangesALifetimeOverTheApiAndItIsAudited() throws Exception {
        HttpResponse<String> changed =
                send("PUT", "/api/v1/cache/jira.versions", "{\"ttl\": \"PT5M\", \"store\": true}");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(changed.body()).path("ttl").asString()).isEqualTo("PT5M");
        HttpResponse<String> bad = send("PUT", "/api/v1/cache/jira.versions", "{\"ttl\": \"forever\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("ttl: 'forever' is not a lifetime");
        assertThat(send("PUT", "/api/v1/cache/jira.tickets", "{\"ttl\": \"PT5M\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(send("DELETE", "/api/v1/cache/jira.versions/entries", null).statusCode())
                .isEqualTo(204);
        JsonNode list = JSON.readTree(get("/api/v1/cache", token, null).body());
        assertThat(list.findValuesAsString("type")).contains("jira.versions", "directory.people", "absences");
        String audit = get("/api/v1/audit", token, null).body();
        assertThat(audit).contains("cache.set", "cache.clear", "jira.versions");
    }

    private HttpResponse<String> get(String path, String bearer, String etag) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The people of the demo's report: none may show on the public board. */
    private List<String> names() throws Exception {
        JsonNode executions =
                JSON.readTree(get("/api/v1/executions?project=ET", token, null).body());
        String id = executions.findValuesAsString("id").getFirst();
        JsonNode report = JSON.readTree(
                        get("/api/v1/executions/" + id, token, null).body())
                .path("report");
        List<String> names = new ArrayList<>();
        report.path("byAssignee").forEach(row -> {
            if (row.path("displayName").isString()) {
                names.add(row.path("displayName").stringValue());
            }
        });
        assertThat(names).isNotEmpty();
        return names;
    }

    private void check() throws Exception {
        HttpResponse<String> started = send("POST", "/api/v1/executions", "{\"project\":\"ET\",\"skip\":[\"resync\"]}");
        String id = JSON.readTree(started.body()).path("id").asString();
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            JsonNode e =
                    JSON.readTree(get("/api/v1/executions/" + id, token, null).body());
            if (!e.path("status").asString().equals("running")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the check did not end within 30 s");
    }
}
