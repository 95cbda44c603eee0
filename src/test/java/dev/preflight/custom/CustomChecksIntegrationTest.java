package dev.preflight.custom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.custom.jdbc.TestDatabases;
import dev.preflight.history.Trigger;
import dev.preflight.report.CheckRequest;
import dev.preflight.run.CheckOrder;
import dev.preflight.run.CheckRuns;
import dev.preflight.run.Checks;
import dev.preflight.sandbox.DemoScenario;
import dev.preflight.sandbox.Sandbox;
import dev.preflight.security.TestAccounts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The "done when", over real HTTP: the contract's example adapted to the sandbox (its CI
 * and incident APIs, Jira labels, and a database table on the real PostgreSQL) is tried, saved,
 * and its findings appear in the next check's report, card and history.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CustomChecksIntegrationTest {

    static final Sandbox SANDBOX = Sandbox.start(DemoScenario.load());
    static Path secrets;
    static String database;

    @BeforeAll
    static void database() throws Exception {
        database = TestDatabases.create(TestDatabases.POSTGRES, "postgres", TestDatabases.randomName());
        try (Connection c = DriverManager.getConnection(TestDatabases.POSTGRES + database, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE migration (ticket_key VARCHAR(32), release VARCHAR(32), script VARCHAR(64))");
            s.execute("INSERT INTO migration VALUES ('ET-108', '2026.7', 'V108__orders.sql')");
        }
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            TestDatabases.drop(TestDatabases.POSTGRES, "postgres", database);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        SANDBOX.connectorProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        TestAccounts.admin(registry);
        secrets = Files.createTempDirectory("preflight-secrets");
        Files.writeString(secrets.resolve("DEMO_CI_TOKEN"), "demo-ci-token");
        Files.writeString(secrets.resolve("DEMO_INCIDENTS_KEY"), "demo-incidents-key");
        Files.writeString(secrets.resolve("DEPLOY_DB_PASSWORD"), "not-needed-with-trust");
        registry.add("preflight.secrets-dir", secrets::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    CheckRuns runs;

    @Autowired
    JdbcClient jdbc;

    private final JsonMapper json = JsonMapper.shared();

    private String document() throws Exception {
        String demo = new String(
                        getClass()
                                .getClassLoader()
                                .getResourceAsStream("checks/demo.yaml")
                                .readAllBytes(),
                        StandardCharsets.UTF_8)
                .replace("{sources}", SANDBOX.sourcesUrl());
        // the contract's database check, against the real PostgreSQL
        return demo.replace("  - name: jira\n", """
                  - name: migrations
                    jdbc:
                      url: jdbc:postgresql://127.0.0.1:5432/%s
                      user: postgres
                      secret: DEPLOY_DB_PASSWORD
                      query: select ticket_key, script from migration where release = :packagingRelease
                    transform: 'ticket_key'
                  - name: jira
                """.formatted(database)) + """
                  - name: migration-registered
                    label: Migration not registered
                    source: migrations
                    scope: ticket
                    when: '"db-change" in $ticket.labels and $not($ticket.key in $facts)'
                    severity: semi-blocking
                    detail: '"no migration script registered for " & $ticket.key'
                """;
    }

    private HttpResponse<String> api(String method, String path, Object body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .header("Authorization", "Bearer " + TestAccounts.adminToken(context))
                                .header("Content-Type", "application/json")
                                .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aTeamTriesSavesAndSeesItsChecksInTheNextReportCardAndHistory() throws Exception {
        String document = document();
        int versions = jdbc.sql("SELECT COUNT(*) FROM custom_check_version")
                .query(Integer.class)
                .single();

        HttpResponse<String> tried = api(
                "POST",
                "/api/v1/checks/try",
                java.util.Map.of("document", document, "check", "pipeline-green", "project", "ET"));
        assertThat(tried.statusCode()).as(tried.body()).isEqualTo(200);
        JsonNode trial = json.readTree(tried.body());
        assertThat(trial.path("sources").get(0).path("bytes").asLong()).isPositive();
        assertThat(trial.path("sources").get(0).path("facts").path("status").asString())
                .isEqualTo("failed");
        assertThat(trial.path("findings").get(0).path("detail").asString())
                .isEqualTo("last pipeline of release/2026.7 is failed (#4812)");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM custom_check_version")
                        .query(Integer.class)
                        .single())
                .as("a try stores nothing")
                .isEqualTo(versions);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'checks.try'")
                        .query(Integer.class)
                        .single())
                .as("a try reaches sources with their secrets: it is audited")
                .isPositive();

        HttpResponse<String> saved =
                api("PUT", "/api/v1/checks", java.util.Map.of("document", document, "change", "first checks"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(json.readTree(saved.body()).path("version").asInt()).isPositive();

        int posts = SANDBOX.teamsPosts().size();
        CheckRuns.Outcome outcome = Checks.run(
                runs,
                new CheckOrder(
                        new CheckRequest("ET", "H3-2026.7", Set.of(CheckRequest.Step.RESYNC)),
                        Trigger.API,
                        "admin",
                        CheckOrder.Teams.post(null, false)));

        JsonNode report = json.readTree(outcome.execution().report());
        JsonNode summary = report.path("summary");
        assertThat(summary.path("custom:pipeline-green").asInt()).isEqualTo(1);
        assertThat(summary.path("custom:no-blocking-incident").asInt()).isEqualTo(1);
        assertThat(summary.path("custom:do-not-ship").asInt()).isEqualTo(1);
        assertThat(summary.path("custom:migration-registered").asInt()).isEqualTo(1);
        assertThat(report.path("findings")
                        .valueStream()
                        .filter(f -> f.path("category").asString().startsWith("custom:"))
                        .map(f -> f.path("category").asString() + " "
                                + f.path("ticket").asString("-") + " "
                                + f.path("detail").asString()))
                .containsExactlyInAnyOrder(
                        "custom:pipeline-green - last pipeline of release/2026.7 is failed (#4812)",
                        "custom:no-blocking-incident - INC-2041 Orders to XSWX rejected after a gateway failover",
                        "custom:do-not-ship ET-102 labelled do-not-ship",
                        "custom:migration-registered ET-115 no migration script registered for ET-115");
        assertThat(json.readTree(outcome.execution().summary())
                        .path("custom:do-not-ship")
                        .asInt())
                .as("history keeps the custom counts")
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM finding WHERE execution_id = ? AND category LIKE 'custom:%'")
                        .param(outcome.execution().id())
                        .query(Integer.class)
                        .single())
                .isEqualTo(4);

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (SANDBOX.teamsPosts().size() == posts && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        String card = SANDBOX.teamsPosts().getLast().body();
        assertThat(card)
                .contains("Release checks (2)")
                .contains("Release pipeline not green")
                .contains("release-manager@example.com")
                .contains("Marked do-not-ship");

        HttpResponse<String> page = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/executions/"
                                        + outcome.execution().id()))
                                .header("Authorization", "Bearer " + TestAccounts.adminToken(context))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("custom:migration-registered");

        TestAccounts.account(context, "vera", dev.preflight.security.Role.READ, "correct horse battery");
        dev.preflight.security.HttpVisitor vera = new dev.preflight.security.HttpVisitor(port);
        vera.signIn("vera", "correct horse battery");
        HttpResponse<String> html =
                vera.get("/executions/" + outcome.execution().id());
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body())
                .contains("Release pipeline not green")
                .contains("Marked do-not-ship")
                .contains("INC-2041 Orders to XSWX rejected after a gateway failover");
    }

    @Test
    void aSecondCheckReadsSourcesAndReferenceDataFromTheServersCacheAndItsReportSaysSo() throws Exception {
        HttpResponse<String> saved =
                api("PUT", "/api/v1/checks", java.util.Map.of("document", document(), "change", "cached"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        for (String source : java.util.List.of("pipelines", "incidents", "migrations")) {
            // sources are not kept until an administrator gives them a lifetime
            assertThat(api("PUT", "/api/v1/cache/source." + source, java.util.Map.of("ttl", "1h"))
                            .statusCode())
                    .isEqualTo(200);
        }
        CheckOrder order = new CheckOrder(
                new CheckRequest("ET", "H3-2026.7", Set.of(CheckRequest.Step.RESYNC, CheckRequest.Step.OUTDATED)),
                Trigger.API,
                "admin",
                CheckOrder.Teams.none());
        Checks.run(runs, order);
        long sourceCalls = SANDBOX.sourceRequests();
        JsonNode notes =
                json.readTree(Checks.run(runs, order).execution().report()).path("notes");

        assertThat(notes.valueStream().map(JsonNode::asString))
                .anySatisfy(note -> assertThat(note)
                        .startsWith("Reference data from cache: jira.versions (from cache, ")
                        .contains("packaging.releases (from cache, ")
                        // the demo declares packages the catalogue lacks: those are asked again, not taken from the
                        // cache
                        .doesNotContain("packaging.packages")
                        .contains("the release's tickets, change requests and statuses were read fresh"))
                .anySatisfy(note -> assertThat(note).matches("Custom source [a-z-]+: from cache, \\d+ s old"));
        assertThat(SANDBOX.sourceRequests())
                .as("the HTTP sources were not asked again within their hour")
                .isEqualTo(sourceCalls);
    }

    @Test
    void aBrokenDocumentIsRefusedWholeWithItsPathAndChangesNothing() throws Exception {
        HttpResponse<String> refused = api(
                "PUT",
                "/api/v1/checks",
                java.util.Map.of("document", document().replace("severity: semi-blocking", "severity: urgent")));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json.readTree(refused.body()).path("path").asString()).matches("checks\\[\\d]\\.severity");
        assertThat(json.readTree(refused.body()).path("detail").asString())
                .contains("must be blocking, semi-blocking or minor");
    }

    @Test
    void aSourceTheHostRulesRefuseIsAnImportError() throws Exception {
        HttpResponse<String> refused = api(
                "POST",
                "/api/v1/checks/validate",
                java.util.Map.of("document", document().replace(SANDBOX.sourcesUrl(), "http://169.254.169.254")));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json.readTree(refused.body()).path("detail").asString())
                .startsWith("sources[0].http.url: host 169.254.169.254");
    }

    @Test
    void theChecksTabKeepsWhatWasTypedShowsTheErrorsLineTriesAndSaves() throws Exception {
        TestAccounts.account(context, "tess", dev.preflight.security.Role.READWRITE, "correct horse battery");
        dev.preflight.security.HttpVisitor tess = new dev.preflight.security.HttpVisitor(port);
        tess.signIn("tess", "correct horse battery");
        assertThat(tess.get("/checks/custom").body()).contains("Custom checks").contains("preflight-checks/1");

        String broken = document().replace("severity: semi-blocking", "severity: urgent");
        HttpResponse<String> refused = tess.post("/checks/custom", java.util.Map.of("document", broken));
        int line = broken.lines().toList().indexOf("    severity: urgent") + 1;
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body())
                .contains("Line " + line + ": ")
                .contains("must be blocking, semi-blocking or minor")
                .contains("severity: urgent")
                .contains("data-error-line=\"" + line + "\"");

        HttpResponse<String> tried = tess.post(
                "/checks/custom/try",
                java.util.Map.of("document", document(), "check", "do-not-ship", "project", "ET", "release", ""));
        assertThat(tried.body()).contains("1 finding(s)").contains("ET-102").doesNotContain("demo-ci-token");

        HttpResponse<String> saved =
                tess.post("/checks/custom", java.util.Map.of("document", document(), "change", "from the tab"));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(tess.get("/checks/custom").body()).contains("is in force").contains("from the tab");

        TestAccounts.account(context, "rita", dev.preflight.security.Role.READ, "correct horse battery");
        dev.preflight.security.HttpVisitor rita = new dev.preflight.security.HttpVisitor(port);
        rita.signIn("rita", "correct horse battery");
        assertThat(rita.get("/checks/custom").statusCode()).isEqualTo(403);
    }
}
