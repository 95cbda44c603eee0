package dev.preflight.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.sandbox.DemoScenario;
import dev.preflight.sandbox.Sandbox;
import dev.preflight.security.HttpVisitor;
import dev.preflight.security.TestAccounts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
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

/** The execution page and History as served over HTTP, after one check of the demo release. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExecutionPagesIntegrationTest {

    static final Sandbox SANDBOX = Sandbox.start(DemoScenario.load());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SANDBOX.connectorProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        TestAccounts.admin(registry);
    }

    @Autowired
    ApplicationContext context;

    @LocalServerPort
    int port;

    private static String execution;
    private HttpVisitor visitor;

    @BeforeEach
    void checkOnceAndSignIn() throws Exception {
        if (execution == null) {
            execution = check();
        }
        visitor = new HttpVisitor(port);
        visitor.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
    }

    private String check() throws Exception {
        String token = TestAccounts.adminToken(context);
        HttpClient http = HttpClient.newHttpClient();
        JsonMapper json = JsonMapper.builder().build();
        HttpResponse<String> started = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/executions"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"project\":\"ET\",\"skip\":[\"resync\"]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String id = json.readTree(started.body()).path("id").asString();
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            JsonNode e = json.readTree(http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/executions/" + id))
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            if (!e.path("status").asString().equals("running")) {
                assertThat(e.path("verdict").path("ready").asBoolean(true)).isFalse();
                assertThat(e.path("verdict").path("blocking").asInt()).isEqualTo(11);
                return id;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the check did not end");
    }

    private String page(String path) {
        HttpResponse<String> response = visitor.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    @Test
    void theCheckOpensProblemsWithClocksThatAReaderTakesIntoAccountOnce() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        String token = TestAccounts.adminToken(context);
        HttpClient http = HttpClient.newHttpClient();
        JsonNode problems = json.readTree(http.send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + port + "/api/v1/releases/ET/H3-2026.7/problems"))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        assertThat(problems.size()).isPositive();
        JsonNode blocking = problems.valueStream()
                .filter(t -> t.path("problem").path("slaClass").asString().equals("BLOCKING"))
                .findFirst()
                .orElseThrow();
        assertThat(blocking.path("acknowledge").path("allowed").asString()).isEqualTo("PT8H");
        assertThat(blocking.path("workaround").path("due").asString()).isNotEmpty();
        String id = blocking.path("problem").path("id").asString();

        assertThat(page("/releases/ET/H3-2026.7"))
                .contains("Open problems (" + problems.size() + ")", "/problems/" + id);
        TestAccounts.account(context, "rita", dev.preflight.security.Role.READ, "correct horse battery staple");
        HttpVisitor rita = new HttpVisitor(port);
        rita.signIn("rita", "correct horse battery staple");
        assertThat(rita.get("/problems/" + id).body()).contains("Take into account", "Taken into account", "8 h");
        // a reader acts only on a problem that names them
        assertThat(rita.post("/problems/" + id + "/acknowledge", java.util.Map.of("comment", "on it"))
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> taken = http.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/v1/problems/" + id + "/acknowledge"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"comment\":\"on it\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(200);
        assertThat(rita.get("/problems/" + id).body()).contains("Taken into account by", "on it");
        HttpResponse<String> again = http.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/v1/problems/" + id + "/acknowledge"))
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("already taken into account by");
        assertThat(rita.get("/problems/" + UUID.randomUUID()).statusCode())
                .as("a page, not JSON")
                .isEqualTo(404);
        assertThat(page("/audit")).contains("problem.acknowledge");
    }

    @Test
    void theReportSaysItsVerdictFirstThenWhoMustActThenFindingsBySeverity() {
        String body = page("/executions/" + execution);

        assertThat(body.indexOf("Not ready")).as("the verdict comes first").isLessThan(body.indexOf("Who must act"));
        assertThat(body).contains("11 blocking, 7 semi-blocking, 17 minor");
        assertThat(body.indexOf("Blocking</span>"))
                .isLessThan(body.indexOf("Semi-blocking</span>"))
                .isLessThan(body.indexOf("Minor</span>"));
        // Dave is away: the row says why his substitutes are notified
        assertThat(body).contains("assignee absent; notifying substitutes");
        // the unassigned ticket missing in Jira has its column, so its row is not empty
        assertThat(body).containsPattern("data-label=\"Missing in Jira\">\\s*<a class=\"key\" href=\"[^\"]+/ET-171\"");
        // keys link to Jira wherever Jira has them
        assertThat(body).containsPattern("<a class=\"key\" href=\"http://127.0.0.1:\\d+/browse/ET-160\"");
        // Jira's text is escaped
        assertThat(body).doesNotContain("<script>alert").contains("&lt;script&gt;");
    }

    @Test
    void findingsFilterBySeverityCategoryAssigneeAndSearchAndHtmxGetsOnlyTheFindings() {
        String minor = page("/executions/" + execution + "?severity=minor");
        assertThat(minor).contains("Showing 17 of 35 findings").doesNotContain("Blocking</span>");

        String search = page("/executions/" + execution + "?q=et-16");
        assertThat(search).contains("Showing 5 of 35 findings", "ET-160", "ET-164");

        String dave = page("/executions/" + execution + "?assignee=dave@example.com&category=unready");
        assertThat(dave).contains("Showing 1 of 35 findings", "ET-104");

        String none = page("/executions/" + execution + "?q=nothing-like-this");
        assertThat(none).contains("No finding matches these filters.");

        String fragment = visitor.header("HX-Request", "true")
                .header("HX-Target", "findings")
                .get("/executions/" + execution + "?severity=blocking")
                .body();
        assertThat(fragment).startsWith("<div id=\"findings\"").doesNotContain("<html", "Who must act");
        assertThat(fragment).contains("Showing 11 of 35 findings");
    }

    @Test
    void theReleaseListFollowsTheProjectAndAFormWithAnErrorKeepsWhatWasTyped() {
        assertThat(page("/checks/releases?project=ET"))
                .contains("H3-2026.7", "H3-2026.8", "unreleased version(s) in Jira");
        assertThat(page("/checks/releases?project=1x"))
                .contains("is not a Jira project key")
                .doesNotContain("H3-2026.7");

        page("/");
        HttpResponse<String> refused = visitor.post(
                "/checks",
                java.util.Map.of(
                        "project", "ET",
                        "release", "H3-2099.1",
                        "thread", "https://example.com/not-teams",
                        "outdated", "true"));
        assertThat(refused.statusCode()).isEqualTo(302);
        String again = page("/");
        assertThat(again).contains("role=\"alert\"", "value=\"https://example.com/not-teams\"");
        assertThat(again)
                .containsPattern("name=\"resync\" value=\"true\">")
                .as("resync was unticked, outdated ticked")
                .containsPattern("name=\"outdated\" value=\"true\" checked");
    }

    @Test
    void historyShowsTheVerdictWhoTriggeredAndFindsReleasesByAnyCasePrefix() {
        String list = page("/executions");
        assertThat(list).contains("Not ready", "11 blocking, 7 semi-blocking, 17 minor", "admin (token test) (api)");
        assertThat(list).contains("1 execution(s), newest first");

        assertThat(page("/executions?project=et&release=h3-2026")).contains("1 execution(s)");
        assertThat(page("/executions?release=2026.7"))
                .as("the packaging release's name")
                .contains("1 execution(s)");
        assertThat(page("/executions?release=2026.8")).contains("No execution matches.");
        assertThat(page("/executions?release=%25"))
                .as("% is a character, not a wildcard")
                .contains("No execution matches.");

        assertThat(page("/executions?page=99"))
                .as("past the end: the last page")
                .contains("1 execution(s)");
        assertThat(page("/executions")).contains("Delete all 1 matching");
    }
}
