package dev.preflight.bench;

import dev.preflight.check.ReleaseReport;
import dev.preflight.custom.CustomChecks;
import dev.preflight.custom.Secrets;
import dev.preflight.custom.SourceLimits;
import dev.preflight.report.CheckProgress;
import dev.preflight.report.CheckRequest;
import dev.preflight.report.ReleaseReporter;
import dev.preflight.report.SandboxReporters;
import dev.preflight.sandbox.Sandbox;
import dev.preflight.sandbox.Scenario;
import dev.preflight.sandbox.ScenarioGenerator;
import dev.preflight.sandbox.ScenarioLoader;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What custom checks add to a check: a generated release of N tickets (default 5,000) checked
 * without and then with three custom checks, one per kind of source (a paged CI API from the
 * sandbox, a migrations table in the real PostgreSQL, Jira labels), in the same run, with 50 ms
 * of latency on every upstream call. Prints wall time and upstream calls. Run with bench/run-custom.
 */
public final class CustomChecksBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        int size = args.length == 0 ? 5_000 : Integer.parseInt(args[0]);
        int latency = Integer.parseInt(System.getProperty("bench.latencyMs", "50"));
        int repeats = Integer.parseInt(System.getProperty("bench.repeats", "3"));
        Scenario scenario = scenario(size, latency);
        String database = "preflight_bench_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection admin =
                        DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        try (Sandbox sandbox = Sandbox.start(scenario)) {
            migrations(database, scenario);
            CustomChecks custom = CustomChecks.standalone(
                    SourceLimits.of(Map.of("allowed-hosts", "127.0.0.1/32")),
                    new Secrets(
                            Map.of("PREFLIGHT_SECRET_CI_TOKEN", "bench-ci-token", "PREFLIGHT_SECRET_DB", "x"), null));
            ReleaseReporter without = SandboxReporters.reporter(sandbox, 8);
            ReleaseReporter with = SandboxReporters.reporter(sandbox, 8, custom);
            custom.save(document(sandbox.sourcesUrl(), database), "bench", "bench");
            System.out.printf(
                    "Custom checks benchmark: %d tickets, latency %d ms per upstream call, max heap %d MB, %d cores%n",
                    size,
                    latency,
                    Runtime.getRuntime().maxMemory() >> 20,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(
                    "%-22s %10s %10s %8s %10s %8s %8s %10s%n",
                    "variant", "median s", "min s", "jira", "packaging", "lucca", "sources", "findings");
            measure("built-in checks only", repeats, sandbox, without);
            measure("+ 3 custom checks", repeats, sandbox, with);
        } finally {
            try (Connection admin =
                            DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                    Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    private static void measure(String name, int repeats, Sandbox sandbox, ReleaseReporter reporter) {
        CheckRequest request = new CheckRequest("ET", "H3-2026.7", EnumSet.of(CheckRequest.Step.RESYNC));
        reporter.run(request, CheckProgress.silent()); // warm-up
        long[] times = new long[repeats];
        long[] calls = new long[4];
        int findings = 0;
        String[] targets = {"jira", "packaging", "lucca", "sources"};
        for (int i = 0; i < repeats; i++) {
            long[] before = new long[4];
            for (int t = 0; t < 4; t++) {
                before[t] = sandbox.requestCount(targets[t]);
            }
            long start = System.nanoTime();
            ReleaseReport report = reporter.run(request, CheckProgress.silent());
            times[i] = System.nanoTime() - start;
            findings = report.findings().size();
            for (int t = 0; t < 4; t++) {
                calls[t] = sandbox.requestCount(targets[t]) - before[t];
            }
        }
        java.util.Arrays.sort(times);
        System.out.printf(
                "%-22s %10.3f %10.3f %8d %10d %8d %8d %10d%n",
                name, times[repeats / 2] / 1e9, times[0] / 1e9, calls[0], calls[1], calls[2], calls[3], findings);
    }

    /** A generated release, one ticket in ten labelled db-change and one in a hundred do-not-ship, and a CI API. */
    private static Scenario scenario(int size, int latency) throws Exception {
        ObjectNode root =
                (ObjectNode) JSON.readTree(new ScenarioGenerator(7).generate(ScenarioGenerator.Mix.typical(size)));
        int i = 0;
        for (JsonNode issue : root.path("jira").path("issues")) {
            ArrayNode labels = ((ObjectNode) issue).putArray("labels");
            if (i % 10 == 0) {
                labels.add("db-change");
            }
            if (i % 100 == 0) {
                labels.add("do-not-ship");
            }
            i++;
        }
        ArrayNode endpoints = root.putArray("endpoints");
        ObjectNode pipelines = endpoints.addObject();
        pipelines.put("path", "/ci/pipelines");
        pipelines.putObject("auth").put("type", "bearer").put("token", "bench-ci-token");
        pipelines
                .putObject("paginate")
                .put("type", "page")
                .put("param", "page")
                .put("sizeParam", "per_page")
                .put("start", 1)
                .put("maxSize", 100);
        ArrayNode items = pipelines.putArray("items");
        for (int p = 0; p < 250; p++) {
            items.addObject()
                    .put("id", 10_000 - p)
                    .put("ref", "release/2026.7")
                    .put("status", p == 0 ? "success" : "failed");
        }
        ObjectNode latencies = root.putObject("latencyMs");
        for (String target : new String[] {"jira", "packaging", "lucca", "sources"}) {
            latencies.put(target, latency);
        }
        return new ScenarioLoader().parse(new ByteArrayInputStream(JSON.writeValueAsBytes(root)), "generated");
    }

    /** Nine tickets in ten of those labelled db-change have their migration registered. */
    private static void migrations(String database, Scenario scenario) throws Exception {
        try (Connection c =
                        DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE migration (ticket_key VARCHAR(32), release VARCHAR(32), script VARCHAR(64))");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO migration VALUES (?, '2026.7', ?)")) {
                int n = 0;
                for (Scenario.Issue issue : scenario.jira().issues()) {
                    if (issue.labels().contains("db-change") && n++ % 10 != 0) {
                        insert.setString(1, issue.key());
                        insert.setString(2, "V" + n + ".sql");
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
        }
    }

    private static String document(String sources, String database) {
        return """
                format: preflight-checks/1
                sources:
                  - name: pipelines
                    http:
                      url: %s/ci/pipelines
                      query: {ref: "release/{packagingRelease}"}
                      auth: {type: bearer, secret: CI_TOKEN}
                      paginate: {type: page, param: page, sizeParam: per_page, size: 100, start: 1}
                    transform: '$[0].{"status": status}'
                  - name: migrations
                    jdbc:
                      url: jdbc:postgresql://127.0.0.1:5432/%s
                      user: postgres
                      secret: DB
                      query: select ticket_key from migration where release = :packagingRelease
                    transform: 'ticket_key'
                  - name: jira
                    jira: {fields: [labels]}
                checks:
                  - {name: pipeline-green, source: pipelines, scope: release, when: 'status != "success"', severity: blocking}
                  - name: migration-registered
                    source: migrations
                    scope: ticket
                    when: '"db-change" in $ticket.labels and $not($ticket.key in $facts)'
                    severity: semi-blocking
                  - {name: do-not-ship, source: jira, scope: ticket, when: '"do-not-ship" in $ticket.labels', severity: blocking}
                """.formatted(sources, database);
    }
}
