package dev.preflight.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.history.Databases;
import dev.preflight.sandbox.DemoScenario;
import dev.preflight.sandbox.Sandbox;
import dev.preflight.sandbox.Scenario;
import dev.preflight.security.HttpVisitor;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Three Preflight nodes as separate JVMs on loopback, one PostgreSQL, the sandbox, and a schedule
 * firing every 10 s. Nodes are killed with SIGKILL (one of them in the middle of a check) and
 * restarted while the schedule runs; then every fire must have run exactly once or be recorded
 * with its reason, nothing may be left running, no probe change request may be left on the
 * packaging server, and a signed-in session must have survived its node. The chaos lasts
 * {@code -Dpreflight.cluster.seconds} (75 by default: the short form CI runs; bench/run-cluster runs it longer).
 */
class ClusterIntegrationTest {

    static final String PASSWORD = "cluster-admin-password";
    static final Duration CHAOS = Duration.ofSeconds(Long.getLong("preflight.cluster.seconds", 75));

    private final Random random = new Random(7);
    private final List<String> events = new ArrayList<>();

    @Test
    void everyFireRunsOnceWhileNodesAreKilledAndRestarted() throws Exception {
        String database = Databases.createPostgres();
        // checks take a few seconds, so that a kill can land in the middle of one
        Scenario slow = DemoScenario.withLatency(Map.of("jira", 120, "packaging", 120));
        List<ClusterNode> nodes = new ArrayList<>();
        try (Sandbox sandbox = Sandbox.start(slow)) {
            int probesBefore = sandbox.packagingChangeRequests().size();
            Path logs = Path.of("target/cluster");
            Map<String, Object> properties = ClusterNode.sharedProperties(sandbox, PASSWORD, logs);
            properties.put("spring.datasource.url", database);
            properties.put("spring.datasource.username", "postgres");
            properties.put("preflight.heartbeat-timeout", "5s");
            properties.put("preflight.heartbeat-check", "1s");
            nodes.addAll(ClusterNode.three("node-", properties, logs));
            ClusterNode.startAll(nodes);

            HttpVisitor user = new HttpVisitor(nodes.getFirst().port());
            user.signIn("admin", PASSWORD);
            Schedule schedule = Schedule.everyTenSeconds(user, database, "");
            String scheduleId = schedule.id();
            Instant created = schedule.created();
            String session = user.session().orElseThrow();

            int kills = 0;
            int midCheck = 0;
            boolean sessionMoved = false;
            Map<ClusterNode, Instant> dead = new HashMap<>();
            Instant end = Instant.now().plus(CHAOS);
            while (Instant.now().isBefore(end)) {
                Thread.sleep(6_000 + random.nextInt(6_000));
                for (var entry : new ArrayList<>(dead.entrySet())) {
                    if (entry.getValue().isBefore(Instant.now().minusSeconds(5))) {
                        entry.getKey().start();
                        dead.remove(entry.getKey());
                        events.add(
                                Instant.now() + " restarted " + entry.getKey().name());
                    }
                }
                List<ClusterNode> alive = nodes.stream()
                        .filter(n -> !dead.containsKey(n) && n.healthy())
                        .toList();
                if (alive.size() < 2) {
                    continue;
                }
                // every other kill waits (up to one fire period) for a node to be in the middle of a check
                ClusterNode victim = runningCheckOn(database, alive);
                for (int wait = 0; victim == null && kills % 2 == 0 && wait < 40; wait++) {
                    Thread.sleep(250);
                    victim = runningCheckOn(database, alive);
                }
                boolean inCheck = victim != null;
                if (victim == null) {
                    victim = alive.get(random.nextInt(alive.size()));
                }
                victim.kill();
                dead.put(victim, Instant.now());
                kills++;
                midCheck += inCheck ? 1 : 0;
                events.add(Instant.now() + " SIGKILL " + victim.name() + (inCheck ? " in the middle of a check" : ""));
                if (victim == nodes.getFirst() && !sessionMoved) {
                    // the load balancer now sends the user elsewhere: the session must still be valid there
                    ClusterNode other = alive.stream()
                            .filter(n -> n != nodes.getFirst())
                            .findFirst()
                            .orElseThrow();
                    HttpVisitor moved = new HttpVisitor(other.port());
                    moved.useSession(session);
                    assertThat(moved.get("/executions").statusCode())
                            .as("a signed-in session survives its node")
                            .isEqualTo(200);
                    sessionMoved = true;
                    events.add(Instant.now() + " session of node-1 used on " + other.name() + ": still signed in");
                }
            }
            for (ClusterNode node : dead.keySet()) {
                node.start();
            }
            for (ClusterNode node : nodes) {
                node.awaitHealthy(Duration.ofSeconds(120));
            }
            if (!sessionMoved) {
                nodes.getFirst().kill();
                HttpVisitor moved = new HttpVisitor(nodes.get(1).port());
                moved.useSession(session);
                assertThat(moved.get("/executions").statusCode()).isEqualTo(200);
                nodes.getFirst().start();
                nodes.getFirst().awaitHealthy(Duration.ofSeconds(120));
            }
            // a few quiet fires so that a probe left by the last kill is cleaned up by a later run
            Thread.sleep(25_000);
            Instant paused = Instant.now();
            try (Connection db = DriverManager.getConnection(database, "postgres", "")) {
                db.createStatement().executeUpdate("UPDATE schedule SET enabled = FALSE");
            }
            Summary summary = drainAndCount(database, scheduleId, created, paused);
            events.forEach(e -> System.out.println("cluster: " + e));
            System.out.printf(
                    "cluster summary: %d s of chaos, %d kills (%d mid-check); %d fires: %d ran, %d skipped (release"
                            + " busy), %d missed, %d interrupted and given up; %d executions, %d duplicates, %d"
                            + " interrupted executions, %d fires recovered by a retry%n",
                    CHAOS.toSeconds(),
                    kills,
                    midCheck,
                    summary.fires(),
                    summary.ran(),
                    summary.skipped(),
                    summary.missed(),
                    summary.givenUp(),
                    summary.executions(),
                    summary.duplicates(),
                    summary.interruptedExecutions(),
                    summary.recovered());

            assertThat(summary.unaccounted()).as("fire times with no record").isEmpty();
            assertThat(summary.duplicates()).as("fires run twice").isZero();
            assertThat(summary.stillRunning()).as("executions left running").isZero();
            assertThat(summary.withoutReason())
                    .as("fires not run and without a reason")
                    .isEmpty();
            assertThat(sandbox.packagingChangeRequests())
                    .as("probe CRs left behind")
                    .hasSize(probesBefore);
            assertThat(midCheck).as("at least one node was killed mid-check").isPositive();
            assertThat(summary.ran()).isPositive();
        } finally {
            for (ClusterNode node : nodes) {
                node.kill();
            }
            Databases.dropPostgres(database);
        }
    }

    record Summary(
            int fires,
            int ran,
            int skipped,
            int missed,
            int givenUp,
            int executions,
            int duplicates,
            int interruptedExecutions,
            int recovered,
            int stillRunning,
            List<Instant> unaccounted,
            List<String> withoutReason) {}

    /** Waits until nothing runs any more, then counts what happened to every fire time. */
    static Summary drainAndCount(String database, String scheduleId, Instant created, Instant paused) throws Exception {
        try (Connection db = DriverManager.getConnection(database, "postgres", "")) {
            Instant deadline = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(deadline)
                    && (count(db, "SELECT COUNT(*) FROM execution WHERE status = 'running'") > 0
                            || count(db, "SELECT COUNT(*) FROM schedule_fire WHERE outcome = 'running'") > 0)) {
                Thread.sleep(500);
            }
            Map<Instant, String[]> fires = new TreeMap<>();
            ResultSet rows = db.createStatement()
                    .executeQuery("SELECT fire_time, outcome, detail, attempts FROM schedule_fire WHERE schedule_id = '"
                            + scheduleId + "'");
            int recovered = 0;
            while (rows.next()) {
                fires.put(
                        rows.getObject(1, OffsetDateTime.class).toInstant(),
                        new String[] {rows.getString(2), rows.getString(3)});
                if (rows.getInt(4) > 1 && rows.getString(2).equals("started")) {
                    recovered++;
                }
            }
            Map<Instant, Integer> completedRuns = new HashMap<>();
            int executions = 0;
            int interrupted = 0;
            JsonMapper json = JsonMapper.builder().build();
            ResultSet runs = db.createStatement()
                    .executeQuery("SELECT options, status FROM execution WHERE trigger_kind = 'schedule'");
            while (runs.next()) {
                executions++;
                String status = runs.getString(2);
                if (status.equals("interrupted")) {
                    interrupted++;
                    continue;
                }
                Instant fire = Instant.parse(
                        json.readTree(runs.getString(1)).path("fire").asString());
                completedRuns.merge(fire, 1, Integer::sum);
            }
            List<Instant> unaccounted = new ArrayList<>();
            List<String> withoutReason = new ArrayList<>();
            int ran = 0;
            int skipped = 0;
            int missed = 0;
            int givenUp = 0;
            Instant fire = created.truncatedTo(ChronoUnit.SECONDS);
            fire = fire.plusSeconds(10 - fire.getEpochSecond() % 10);
            int expected = 0;
            for (; fire.isBefore(paused.minusSeconds(2)); fire = fire.plusSeconds(10)) {
                expected++;
                String[] record = fires.get(fire);
                if (record == null) {
                    unaccounted.add(fire);
                    continue;
                }
                switch (record[0]) {
                    case "started" -> ran += completedRuns.getOrDefault(fire, 0) == 1 ? 1 : 0;
                    case "skipped" -> skipped++;
                    case "missed" -> missed++;
                    case "interrupted" -> givenUp++;
                    default -> {}
                }
                if (!record[0].equals("started") && (record[1] == null || record[1].isBlank())) {
                    withoutReason.add(fire + " " + record[0]);
                }
                if (record[0].equals("started") && completedRuns.getOrDefault(fire, 0) != 1) {
                    withoutReason.add(fire + " started but its run did not complete");
                }
            }
            int duplicates =
                    (int) completedRuns.values().stream().filter(n -> n > 1).count();
            int running = count(db, "SELECT COUNT(*) FROM execution WHERE status = 'running'");
            return new Summary(
                    expected,
                    ran,
                    skipped,
                    missed,
                    givenUp,
                    executions,
                    duplicates,
                    interrupted,
                    recovered,
                    running,
                    unaccounted,
                    withoutReason);
        }
    }

    /** The live node running a check right now, if any. */
    private static ClusterNode runningCheckOn(String database, List<ClusterNode> alive) throws Exception {
        try (Connection db = DriverManager.getConnection(database, "postgres", "")) {
            ResultSet row = db.createStatement()
                    .executeQuery("SELECT node FROM execution WHERE status = 'running' AND node IS NOT NULL");
            while (row.next()) {
                String node = row.getString(1);
                for (ClusterNode candidate : alive) {
                    if (candidate.name().equals(node)) {
                        return candidate;
                    }
                }
            }
        }
        return null;
    }

    private static int count(Connection db, String sql) throws Exception {
        ResultSet row = db.createStatement().executeQuery(sql);
        row.next();
        return row.getInt(1);
    }

    /** The schedule both harnesses fire every 10 s, made through the page as a person would. */
    record Schedule(String id, Instant created) {

        static Schedule everyTenSeconds(HttpVisitor user, String database, String password) throws Exception {
            user.get("/schedules");
            user.post(
                    "/schedules",
                    Map.of(
                            "name", "every 10 s",
                            "cron", "*/10 * * * * *",
                            "zone", "UTC",
                            "project", "ET",
                            "release", "H3-2026.7",
                            "resync", "true",
                            "outdated", "true"));
            try (Connection db = DriverManager.getConnection(database, "postgres", password)) {
                ResultSet row = db.createStatement().executeQuery("SELECT id, created_at FROM schedule");
                assertThat(row.next()).as("the schedule was stored").isTrue();
                return new Schedule(
                        row.getString(1), row.getObject(2, OffsetDateTime.class).toInstant());
            }
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
