package dev.preflight.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.history.ExecutionHistory;
import dev.preflight.history.ExecutionStatus;
import dev.preflight.notify.TeamsNotifications;
import dev.preflight.run.CheckRuns;
import dev.preflight.sandbox.DemoScenario;
import dev.preflight.sandbox.Sandbox;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Fires claimed in the database: two nodes ticking over one history run each fire once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ScheduleRunnerIntegrationTest {

    static final Sandbox SANDBOX = Sandbox.start(DemoScenario.load());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SANDBOX.connectorProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @Autowired
    Schedules schedules;

    @Autowired
    ScheduleRepository repository;

    @Autowired
    CheckRuns runs;

    @Autowired
    TeamsNotifications teams;

    @Autowired
    ExecutionHistory history;

    @Autowired
    JdbcClient jdbc;

    private ScheduleRunner node(String name) {
        return new ScheduleRunner(
                repository, history, runs, Optional.empty(), Duration.ofMinutes(10), name, Duration.ofSeconds(45));
    }

    /** What the heartbeat reaper does when the node running it dies, after the run (so nothing races). */
    private void dies(UUID execution) throws InterruptedException {
        for (int i = 0; i < 300 && history.get(execution).status() == ExecutionStatus.RUNNING; i++) {
            Thread.sleep(100);
        }
        jdbc.sql("UPDATE execution SET status = 'interrupted' WHERE id = ?")
                .param(execution)
                .update();
    }

    @Test
    void anInterruptedFireIsRetriedOnceByAnotherNodeWithinTheGracePeriod() throws Exception {
        Schedule schedule = schedules.add(
                "daily",
                "0 0 9 * * *",
                ZoneOffset.UTC,
                WeekParity.ANY,
                "ET",
                "H3-2026.6",
                "resync,outdated",
                false,
                true,
                null);
        Instant fire = schedule.createdAt()
                .truncatedTo(ChronoUnit.DAYS)
                .plus(Duration.ofDays(1).plusHours(9));
        Instant now = fire.plusSeconds(5);

        assertThat(node("node-a").tick(now)).isEqualTo(1);
        UUID first = schedules.fires(schedule.id()).getFirst().execution();
        dies(first);

        assertThat(node("node-b").tick(now.plusSeconds(60))).isEqualTo(1);
        assertThat(node("node-c").tick(now.plusSeconds(61)))
                .as("the retry is claimed once")
                .isZero();
        Schedules.Fire retried = schedules.fires(schedule.id()).getFirst();
        assertThat(retried.node()).isEqualTo("node-b");
        assertThat(retried.outcome()).isEqualTo("started");
        assertThat(retried.execution()).isNotNull().isNotEqualTo(first);

        dies(retried.execution());
        node("node-a").tick(now.plusSeconds(120));

        Schedules.Fire given = schedules.fires(schedule.id()).getFirst();
        assertThat(given.outcome()).isEqualTo("interrupted");
        assertThat(given.detail()).isEqualTo("interrupted again on retry; not retried a second time");
    }

    @Test
    void anInterruptionNoticedAfterTheGracePeriodIsNotRetried() throws Exception {
        Schedule schedule = schedules.add(
                "daily",
                "0 0 7 * * *",
                ZoneOffset.UTC,
                WeekParity.ANY,
                "ET",
                "H3-2026.5",
                "resync,outdated",
                false,
                true,
                null);
        Instant fire = schedule.createdAt()
                .truncatedTo(ChronoUnit.DAYS)
                .plus(Duration.ofDays(1).plusHours(7));

        node("node-a").tick(fire.plusSeconds(1));
        dies(schedules.fires(schedule.id()).getFirst().execution());

        assertThat(node("node-b").tick(fire.plus(Duration.ofMinutes(11)))).isZero();
        assertThat(schedules.fires(schedule.id()).getFirst().detail())
                .isEqualTo("interrupted after the grace period of 10 min; not retried");
    }

    @Test
    void eachFireRunsOnceWhateverTheNumberOfNodes() {
        Schedule schedule = schedules.add(
                "every minute",
                "0 * * * * *",
                ZoneOffset.UTC,
                WeekParity.ANY,
                "ET",
                "H3-2026.7",
                "resync,outdated",
                false,
                true,
                null);
        Instant now = schedule.createdAt()
                .truncatedTo(ChronoUnit.MINUTES)
                .plus(Duration.ofMinutes(3))
                .plusSeconds(1);

        int a = node("node-a").tick(now);
        int b = node("node-b").tick(now);
        int again = node("node-a").tick(now);

        assertThat(a).isEqualTo(3);
        assertThat(b).isZero();
        assertThat(again).isZero();
        assertThat(schedules.fires(schedule.id())).hasSize(3).allSatisfy(fire -> {
            assertThat(fire.node()).isEqualTo("node-a");
            assertThat(fire.outcome()).isIn("started", "skipped"); // one release runs one check at a time
        });
        assertThat(schedules.fires(schedule.id()))
                .filteredOn(f -> f.outcome().equals("skipped"))
                .allSatisfy(f -> assertThat(f.detail()).contains("already running"));
    }

    @Test
    void aFireNoNodeRanWithinTheGracePeriodIsRecordedAsMissed() {
        Schedule schedule = schedules.add(
                "hourly",
                "0 0 * * * *",
                ZoneOffset.UTC,
                WeekParity.ANY,
                "ET",
                "H3-2026.8",
                "resync,outdated",
                false,
                true,
                null);
        Instant now = schedule.createdAt()
                .truncatedTo(ChronoUnit.HOURS)
                .plus(Duration.ofHours(3))
                .plusSeconds(30);

        node("node-a").tick(now);

        assertThat(schedules.fires(schedule.id()))
                .extracting(Schedules.Fire::outcome)
                .containsExactly("missed", "missed", "started");
        assertThat(schedules.fires(schedule.id()).getFirst().detail())
                .isEqualTo("no node ran it within the grace period of 10 min");
    }

    @Test
    void aBadRuleIsRefusedBeforeItIsStored() {
        int before = schedules.list().size();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> schedules.add(
                        "x", "every day", ZoneOffset.UTC, WeekParity.ANY, "ET", null, "", false, true, null))
                .hasMessageStartingWith("cron 'every day' has 2 fields");
        assertThat(schedules.list()).hasSize(before);
    }
}
