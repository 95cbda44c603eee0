package dev.preflight.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.preflight.sandbox.DemoScenario;
import dev.preflight.sandbox.Sandbox;
import dev.preflight.security.ApiTokens;
import dev.preflight.security.HttpVisitor;
import dev.preflight.security.Member;
import dev.preflight.security.Role;
import dev.preflight.security.TestAccounts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * Known actions, then the figures: one check, two board views, one export; the roll-ups count
 * them and hold no personal data; Prometheus reads the metrics with a readwrite token only, and
 * promtool accepts both the scrape and the alert rules shipped in deploy/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UsageIntegrationTest {

    static final Sandbox SANDBOX = Sandbox.start(DemoScenario.load());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        SANDBOX.connectorProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Path data = Files.createTempDirectory("preflight-usage");
        registry.add("preflight.data-dir", data::toString);
        TestAccounts.admin(registry);
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    UsageCounts counts;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String token(String name, Role role) {
        return context.getBean(ApiTokens.class)
                .issue(
                        new Member(Member.localId(TestAccounts.ADMIN), TestAccounts.ADMIN, Optional.of(role)),
                        name,
                        Duration.ofDays(1))
                .value();
    }

    private long rollup(String metric, String dimension) {
        return jdbc.sql("SELECT COALESCE(SUM(amount), 0) FROM usage_day WHERE metric = :m AND dimension = :d")
                .param("m", metric)
                .param("d", dimension)
                .query(Long.class)
                .single();
    }

    @Test
    void knownActionsGiveKnownFiguresWithoutPersonalDataAndPrometheusReadsThemWithATokenOnly() throws Exception {
        String starter = token("release-script", Role.READWRITE);
        HttpResponse<String> started =
                call("POST", "/api/v1/executions", starter, "{\"project\":\"ET\",\"skip\":[\"resync\"]}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = json.readTree(started.body()).path("id").asString();
        Instant deadline = Instant.now().plusSeconds(60);
        JsonNode execution;
        do {
            Thread.sleep(100);
            execution = json.readTree(
                    call("GET", "/api/v1/executions/" + id, starter, null).body());
            assertThat(Instant.now()).isBefore(deadline);
        } while (execution.path("status").asString().equals("running"));

        HttpVisitor visitor = new HttpVisitor(port);
        visitor.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        assertThat(visitor.get("/board").statusCode()).isEqualTo(200);
        assertThat(visitor.get("/board").statusCode()).isEqualTo(200);
        String exporter = token("exporter", Role.READ);
        assertThat(call("GET", "/api/v1/executions/" + id + "/export", exporter, null)
                        .statusCode())
                .isEqualTo(200);

        // a request is counted once it has completed, which can be just after its client has the answer
        Instant counted = Instant.now().plusSeconds(10);
        do {
            counts.flush();
        } while ((rollup("feature", "export") < 1 || rollup("page_view", "board") < 2)
                && Instant.now().isBefore(counted));
        assertThat(rollup("page_view", "board")).isEqualTo(2);
        assertThat(rollup("feature", "board-view")).isEqualTo(2);
        assertThat(rollup("feature", "export")).isEqualTo(1);
        assertThat(rollup("api_call", "exporter")).isEqualTo(1);
        assertThat(rollup("api_call", "release-script")).isGreaterThanOrEqualTo(2);
        assertThat(rollup("device_view", "desktop")).isGreaterThanOrEqualTo(2);
        assertThat(counts.uniqueToday())
                .as(
                        "one person signed in, counted once; pages: %s",
                        jdbc.sql("SELECT metric || ' ' || dimension || ' ' || amount FROM usage_day")
                                .query(String.class)
                                .list())
                .isEqualTo(1);

        // nothing that names a person, an address or a secret in what is kept
        String kept = jdbc.sql("SELECT metric || ' ' || dimension FROM usage_day")
                        .query(String.class)
                        .list() + " "
                + jdbc.sql("SELECT hash || ' ' || device FROM usage_visitor")
                        .query(String.class)
                        .list();
        assertThat(kept)
                .doesNotContain(
                        TestAccounts.ADMIN + " ",
                        "local:",
                        "@",
                        "127.0.0.1",
                        starter,
                        exporter,
                        "Mozilla",
                        "Java-http-client");
        assertThat(jdbc.sql("SELECT hash FROM usage_visitor")
                        .query(String.class)
                        .list())
                .allSatisfy(hash -> assertThat(hash).matches("[0-9a-f]{32}"));

        // the Statistics tab shows them to readwrite
        String page = visitor.get("/statistics?days=90").body();
        assertThat(page).contains("Checks per day, by outcome", "board", "exporter", "Upstream: jira");

        // Prometheus: a readwrite token, never anonymously, not with a read token
        assertThat(call("GET", "/actuator/prometheus", null, null).statusCode()).isIn(302, 401);
        assertThat(call("GET", "/actuator/prometheus", exporter, null).statusCode())
                .isEqualTo(403);
        HttpResponse<String> scrape = call("GET", "/actuator/prometheus", token("prometheus", Role.READWRITE), null);
        assertThat(scrape.statusCode()).isEqualTo(200);
        String metrics = scrape.body();
        assertThat(metrics)
                .contains("preflight_checks_total{outcome=\"success\",trigger=\"api\"} 1.0")
                .contains("preflight_check_duration_seconds_bucket{")
                .contains("preflight_findings{category=\"missingInPackaging\",project=\"ET\"} 5.0")
                .contains("preflight_page_views_total{page=\"board\"} 2.0")
                .contains("http_server_requests_seconds_count{")
                .contains("preflight_cache_");
        Matcher upstream = Pattern.compile(
                        "preflight_upstream_requests_seconds_count\\{endpoint=\"([^\"]+)\",outcome=\"success\",service=\"jira\"}")
                .matcher(metrics);
        assertThat(upstream.find()).as("Jira requests timed").isTrue();
        assertThat(metrics).doesNotContainPattern("endpoint=\"[^\"]*(ET-\\d|H3-2026|\\d{5})");
        assertThat(metrics).doesNotContain("admin", "@example.com", "release-script", "exporter");

        promtool(List.of("check", "metrics"), metrics);
        Path alerts = Path.of("deploy/prometheus/alerts.yml");
        promtool(List.of("check", "rules", alerts.toString()), null);
        // every metric the alerts and the dashboard use is one Preflight gives, by its exact name
        Set<String> given = Pattern.compile("(?m)^([a-z_:]+)[{ ]")
                .matcher(metrics)
                .results()
                .map(m -> m.group(1))
                .collect(java.util.stream.Collectors.toSet());
        String used = Files.readString(alerts) + Files.readString(Path.of("deploy/grafana/preflight.json"));
        Pattern.compile("\\b(preflight_[a-z_]+|http_server_requests_seconds_[a-z]+)")
                .matcher(used)
                .results()
                .map(m -> m.group(1))
                .forEach(metric -> assertThat(given).as("a metric deploy/ uses").contains(metric));
    }

    /** Runs promtool (Debian's prometheus package); where it is missing, CI fails and a workstation skips. */
    private static void promtool(List<String> arguments, String stdin) throws Exception {
        boolean present = Files.isExecutable(Path.of("/usr/bin/promtool"));
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("promtool is missing: apt-get install prometheus");
        }
        assumeTrue(present, "promtool is missing (apt-get install prometheus): lint checks skipped");
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/promtool"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (stdin != null) {
            try (var in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } else {
            process.getOutputStream().close();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("promtool %s: %s", arguments, output).isZero();
    }
}
