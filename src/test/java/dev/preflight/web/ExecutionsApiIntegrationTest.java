package dev.preflight.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.sandbox.DemoScenario;
import dev.preflight.sandbox.Sandbox;
import dev.preflight.sandbox.Scenario;
import dev.preflight.security.TestAccounts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
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

/** The JSON API over real HTTP, against the demo sandbox with some Jira latency. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExecutionsApiIntegrationTest {

    static final Sandbox SANDBOX = Sandbox.start(DemoScenario.withLatency(Map.of("jira", 150)));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SANDBOX.connectorProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        TestAccounts.admin(registry);
    }

    @Autowired
    ApplicationContext context;

    private String token;

    @BeforeEach
    void signIn() {
        token = TestAccounts.adminToken(context);
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode awaitEnd(String id) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            JsonNode execution =
                    json.readTree(call("GET", "/api/v1/executions/" + id, null).body());
            if (!execution.path("status").asString().equals("running")) {
                return execution;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("execution " + id + " still running");
    }

    @Test
    void startWatchReadExportAndDeleteACheck() throws Exception {
        HttpResponse<String> started = call("POST", "/api/v1/executions", "{\"project\":\"ET\",\"skip\":[\"resync\"]}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode body = json.readTree(started.body());
        String id = body.path("id").asString();
        assertThat(body.path("release").asString()).isEqualTo("H3-2026.7");
        assertThat(started.headers().firstValue("Location"))
                .hasValue("http://127.0.0.1:" + port + "/api/v1/executions/" + id);

        HttpResponse<String> twice =
                call("POST", "/api/v1/executions", "{\"project\":\"ET\",\"release\":\"H3-2026.7\"}");
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(twice.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(json.readTree(twice.body()).path("execution").asString()).isEqualTo(id);

        String log = call("GET", "/api/v1/executions/" + id + "/log", null).body();
        assertThat(log).contains("event:log", "Reading Jira release H3-2026.7", "event:end", "\"status\":\"success\"");

        JsonNode done = awaitEnd(id);
        assertThat(done.path("status").asString()).isEqualTo("success");
        assertThat(done.path("report")
                        .path("summary")
                        .path("missingInPackaging")
                        .asInt())
                .isEqualTo(5);
        assertThat(done.path("trigger").asString()).isEqualTo("api");
        assertThat(done.path("triggeredBy").asString())
                .as("the person and the token's name")
                .isEqualTo("admin (token test)");

        JsonNode list = json.readTree(call("GET", "/api/v1/executions?project=ET&status=success", null)
                .body());
        assertThat(list.path("items").toString()).contains(id);

        assertThat(call("GET", "/api/v1/executions/findings?project=ET&release=H3-2026.7&ticket=ET-160", null)
                        .body())
                .contains("\"category\":\"missingInPackaging\"", id);

        HttpResponse<String> exported = call("GET", "/api/v1/executions/" + id + "/export", null);
        assertThat(exported.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"preflight-" + id + ".json\"");
        assertThat(exported.body()).contains("preflight-execution/1");

        assertThat(call("DELETE", "/api/v1/executions/" + id, null).statusCode())
                .isEqualTo(204);
        HttpResponse<String> gone = call("GET", "/api/v1/executions/" + id, null);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(json.readTree(gone.body()).path("detail").asString()).isEqualTo("no execution " + id);
    }

    @Test
    void aCancelledCheckEndsCancelledAndLeavesNoProbe() throws Exception {
        int changeRequests = SANDBOX.packagingChangeRequests().size();
        // the packaging server stalls on this release so that the check is still running when cancelled
        SANDBOX.inject(new Scenario.Fault(
                "packaging", null, null, 1, "timeout", 5, "/api/v1/projects/ET/releases/2026.8/tickets"));
        String id = json.readTree(call("POST", "/api/v1/executions", "{\"project\":\"ET\",\"release\":\"H3-2026.8\"}")
                        .body())
                .path("id")
                .asString();

        assertThat(call("POST", "/api/v1/executions/" + id + "/cancel", null).statusCode())
                .isEqualTo(202);

        JsonNode done = awaitEnd(id);
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("cancelled");
        assertThat(SANDBOX.packagingChangeRequests()).hasSize(changeRequests);
    }

    @Test
    void badInputIsAProblemDetail() throws Exception {
        HttpResponse<String> status = call("GET", "/api/v1/executions?status=great", null);
        HttpResponse<String> release =
                call("POST", "/api/v1/executions", "{\"project\":\"ET\",\"release\":\"H3-2099.9\"}");
        HttpResponse<String> thread = call(
                "POST",
                "/api/v1/executions",
                "{\"project\":\"ET\",\"notify\":true,\"thread\":\"https://evil.example/x\"}");

        assertThat(status.statusCode()).isEqualTo(400);
        assertThat(json.readTree(status.body()).path("detail").asString()).startsWith("unknown status 'great'");
        assertThat(release.statusCode()).as(release.body()).isIn(202, 400);
        assertThat(thread.statusCode()).isEqualTo(400);
        assertThat(json.readTree(thread.body()).path("detail").asString())
                .startsWith("thread link is not a Teams link");
    }

    @Test
    void schedulesAreStoredReadPreviewedAndDeleted() throws Exception {
        HttpResponse<String> created = call(
                "POST",
                "/api/v1/schedules",
                "{\"name\":\"Paris\",\"cron\":\"0 0 8,12 * * WED\",\"zone\":\"Europe/Paris\",\"project\":\"ET\","
                        + "\"skip\":[\"resync\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json.readTree(created.body()).path("id").asString();

        JsonNode one =
                json.readTree(call("GET", "/api/v1/schedules/" + id, null).body());
        assertThat(one.path("next")).hasSize(10);
        assertThat(one.path("next").get(0).asString()).containsAnyOf("T08:00:00+01:00", "T12:00:00+01:00");
        assertThat(one.path("schedule").path("skip").asString()).isEqualTo("resync");

        JsonNode preview = json.readTree(
                call("GET", "/api/v1/schedules/preview?cron=@daily&zone=Asia/Hong_Kong&parity=even&count=3", null)
                        .body());
        assertThat(preview).hasSize(3);

        HttpResponse<String> badZone = call(
                "POST",
                "/api/v1/schedules",
                "{\"name\":\"x\",\"cron\":\"@daily\",\"zone\":\"Mars/Base\",\"project\":\"ET\"}");
        assertThat(badZone.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badZone.body()).path("detail").asString()).isEqualTo("unknown time zone 'Mars/Base'");

        assertThat(call("DELETE", "/api/v1/schedules/" + id, null).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/api/v1/schedules/" + id, null).statusCode()).isEqualTo(404);
    }

    @Test
    void theApiIsDocumented() throws Exception {
        HttpResponse<String> docs = call("GET", "/api/docs", null);

        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body())
                .contains("/api/v1/executions", "/api/v1/executions/{id}/log", "/api/v1/schedules")
                .contains("\"scheme\":\"bearer\"");
    }

    @Test
    void pagesChangeStateOnlyWithACsrfToken() throws Exception {
        HttpResponse<String> forged = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/checks"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("project=ET"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(call("GET", "/", null).body()).contains("name=\"_csrf\"", "name=\"csrf-token\"");
    }
}
