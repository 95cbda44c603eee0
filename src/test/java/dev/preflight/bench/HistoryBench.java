package dev.preflight.bench;

import dev.preflight.PreflightApplication;
import dev.preflight.sandbox.Sandbox;
import dev.preflight.sandbox.ScenarioLoader;
import dev.preflight.security.TestAccounts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The History page over a large history: N executions (default 1,000,000) generated straight into
 * H2 and PostgreSQL, then 200 requests of the History list page and of a filtered query, timed on
 * loopback; prints p50 and p95. Run with bench/run-history; not a test.
 */
public final class HistoryBench {

    private static final String[] STATUSES = {
        "success", "success", "success", "success", "partial", "error", "cancelled"
    };

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int requests = Integer.parseInt(System.getProperty("bench.requests", "200"));
        System.out.printf(
                "History benchmark: %,d executions, %d requests per figure, %d cores%n",
                rows, requests, Runtime.getRuntime().availableProcessors());
        System.out.printf("%-10s %-28s %9s %9s %9s%n", "database", "request", "p50 ms", "p95 ms", "max ms");
        String pgServer = System.getProperty("bench.pg", "jdbc:postgresql://127.0.0.1:5432/");
        String pgName = "preflight_bench_" + Long.toHexString(System.nanoTime());
        try (Connection admin = DriverManager.getConnection(pgServer + "postgres", "postgres", "")) {
            admin.createStatement().execute("CREATE DATABASE " + pgName);
        }
        try {
            Path h2 = Path.of("target/bench/h2-" + System.nanoTime()).toAbsolutePath();
            run("H2", "jdbc:h2:file:" + h2 + "/preflight", "sa", rows, requests);
            run("PostgreSQL", pgServer + pgName + "?reWriteBatchedInserts=true", "postgres", rows, requests);
        } finally {
            try (Connection admin = DriverManager.getConnection(pgServer + "postgres", "postgres", "")) {
                admin.createStatement().execute("DROP DATABASE IF EXISTS " + pgName + " WITH (FORCE)");
            }
        }
    }

    private static void run(String name, String url, String user, int rows, int requests) throws Exception {
        try (Sandbox sandbox =
                Sandbox.start(new ScenarioLoader().load(Path.of("src/main/resources/scenarios/demo.json")))) {
            Map<String, Object> properties = new HashMap<>(sandbox.connectorProperties());
            properties.put("spring.datasource.url", url);
            properties.put("spring.datasource.username", user);
            properties.put("spring.datasource.password", "");
            properties.put("server.port", "0");
            properties.put("server.address", "127.0.0.1");
            properties.put("logging.level.root", "WARN");
            properties.put("preflight.security.local.admin-password", TestAccounts.ADMIN_PASSWORD);
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PreflightApplication.class)
                    .run(properties.entrySet().stream()
                            .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                            .toArray(String[]::new))) {
                long start = System.nanoTime();
                generate(url, user, rows, name.equals("PostgreSQL"));
                System.out.printf(
                        "%-10s %-28s %,d rows in %.1f s%n",
                        name, "(generated)", rows, (System.nanoTime() - start) / 1e9);
                String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
                // requests are signed in with an API token, as a script would be; its check is part of the time
                String token = TestAccounts.adminToken(app);
                time(name, "History list page", base + "/executions", token, requests);
                time(
                        name,
                        "filtered (project+release+status)",
                        base + "/executions?project=P7&release=R7-2026.13&status=success",
                        token,
                        requests);
                time(
                        name,
                        "API list, filtered by status",
                        base + "/api/v1/executions?status=error&size=20",
                        token,
                        requests);
            }
        }
    }

    private static void generate(String url, String user, int rows, boolean postgres) throws Exception {
        Random random = new Random(1);
        Instant now = Instant.parse("2026-11-23T00:00:00Z");
        try (Connection db = DriverManager.getConnection(url, user, "")) {
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO execution (id, project, release_name,"
                    + " packaging_release, trigger_kind, triggered_by, started_at, ended_at, status, options, summary)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
                for (int i = 0; i < rows; i++) {
                    int project = random.nextInt(20);
                    int release = random.nextInt(50);
                    Instant started = now.minusSeconds(random.nextInt(2 * 365 * 24 * 3600));
                    insert.setObject(1, new UUID(random.nextLong(), random.nextLong()));
                    insert.setString(2, "P" + project);
                    insert.setString(3, "R" + project + "-2026." + release);
                    insert.setString(4, "2026." + release);
                    insert.setString(5, i % 3 == 0 ? "schedule" : "web");
                    insert.setString(6, null);
                    insert.setTimestamp(7, Timestamp.from(started));
                    insert.setTimestamp(8, Timestamp.from(started.plusSeconds(3)));
                    insert.setString(9, STATUSES[random.nextInt(STATUSES.length)]);
                    insert.setString(10, "{}");
                    insert.setString(
                            11,
                            "{\"missingInPackaging\":" + random.nextInt(20) + ",\"unready\":" + random.nextInt(60)
                                    + "}");
                    insert.addBatch();
                    if (i % 10_000 == 9_999) {
                        insert.executeBatch();
                        db.commit();
                    }
                }
                insert.executeBatch();
                db.commit();
            }
            if (postgres) {
                db.setAutoCommit(true);
                db.createStatement().execute("ANALYZE execution");
            }
        }
    }

    private static void time(String database, String label, String url, String token, int requests) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .build();
        for (int i = 0; i < 20; i++) {
            check(http.send(request, HttpResponse.BodyHandlers.discarding()), url);
        }
        double[] millis = new double[requests];
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            check(http.send(request, HttpResponse.BodyHandlers.discarding()), url);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf(
                "%-10s %-28s %9.1f %9.1f %9.1f%n",
                database,
                label,
                millis[requests / 2],
                millis[(int) Math.ceil(requests * 0.95) - 1],
                millis[requests - 1]);
    }

    private static void check(HttpResponse<?> response, String url) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
    }
}
