package dev.preflight.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.TestClock;
import dev.preflight.check.AssigneeRow;
import dev.preflight.check.Category;
import dev.preflight.check.Finding;
import dev.preflight.check.ReleaseReport;
import dev.preflight.check.Severity;
import dev.preflight.history.Databases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Escalation thresholds fire once with two nodes racing on one PostgreSQL, and not again after a restart. */
class EscalationsPostgresIntegrationTest {

    // Monday 7 December 2026, 09:00 in Paris
    private static final Instant MONDAY_9 = Instant.parse("2026-12-07T08:00:00Z");

    private String url;
    private JdbcClient jdbc;
    private final TestClock clock = new TestClock(MONDAY_9);
    private Problems problems;
    private final List<String> posted = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void database() {
        url = Databases.createPostgres();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url, "postgres", "");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        jdbc = JdbcClient.create(dataSource);
        problems = new Problems(jdbc, calendars(), Optional.of(clock));
    }

    @AfterEach
    void drop() {
        Databases.dropPostgres(url);
    }

    private static Calendars calendars() {
        return new Calendars(
                new SlaProperties("france", Map.of(), Map.of(), Map.of(), List.of("rm@example.com"), Map.of()));
    }

    private Escalations node(String name, Escalations.Messenger messenger) {
        return new Escalations(
                jdbc, problems, calendars(), messenger, escalated -> {}, name, "https://preflight.example.com/", clock);
    }

    private Escalations.Messenger recording(String node) {
        return (title, lines, emails, link, thread, key) ->
                posted.add(node + " " + title + " " + emails + " " + link + " " + thread);
    }

    @Test
    void eachThresholdFiresOnceAcrossTwoNodesAndARestart() throws Exception {
        open(Severity.BLOCKING, "ET-101");
        open(Severity.SEMI_BLOCKING, "ET-102");
        Escalations a = node("a", recording("a"));
        Escalations b = node("b", recording("b"));

        clock.set(MONDAY_9.plus(Duration.ofHours(6))); // 15:00: 6 of 8 hours, 75 % of the blocking targets
        race(a, b);
        assertThat(posted).hasSize(2).allMatch(p -> p.contains("SLA at 75 %: ET-101"));
        assertThat(posted.getFirst())
                .contains("[alice@example.com, sub@example.com, rm@example.com]")
                .contains("https://preflight.example.com/problems/")
                .contains("thread-42");

        clock.set(MONDAY_9.plus(Duration.ofHours(9))); // 18:00: both blocking targets breached
        race(a, b);
        assertThat(posted).hasSize(4);
        assertThat(posted.subList(2, 4)).allMatch(p -> p.contains("SLA breached: ET-101"));

        // a restarted node: nothing new has passed, nothing is sent again
        assertThat(node("a-restarted", recording("a2")).escalate()).isZero();

        // Tuesday 17:00: 18 of the semi-blocking 24 hours to take it into account
        clock.set(MONDAY_9.plus(Duration.ofHours(32)));
        race(a, b);
        assertThat(posted).hasSize(5);
        assertThat(posted.getLast()).contains("SLA at 75 %: ET-102");
        assertThat(problems.history(problems.of("ET", "H3-2026.7", false)
                        .getFirst()
                        .problem()
                        .id()))
                .extracting(Problems.Event::kind)
                .contains(Problems.EventKind.ESCALATED);
    }

    @Test
    void aClaimWhoseMessageWasNotSentIsTakenOverByAnotherNodeOnce() {
        open(Severity.BLOCKING, "ET-101");
        clock.set(MONDAY_9.plus(Duration.ofHours(9)));
        Escalations failing = node("a", (title, lines, emails, link, thread, key) -> {
            throw new IllegalStateException("Teams answered 503");
        });
        assertThat(failing.escalate()).isZero();
        Escalations b = node("b", recording("b"));
        assertThat(b.escalate()).as("not before the take-over delay").isZero();
        clock.advance(Escalations.TAKE_OVER.plusSeconds(1));
        assertThat(b.escalate()).isEqualTo(2);
        assertThat(b.escalate()).isZero();
        assertThat(posted).hasSize(2).allMatch(p -> p.startsWith("b SLA breached: ET-101"));
    }

    private void race(Escalations a, Escalations b) throws Exception {
        try (ExecutorService nodes = Executors.newFixedThreadPool(4)) {
            List<Callable<Integer>> passes = List.of(a::escalate, b::escalate, a::escalate, b::escalate);
            for (var pass : nodes.invokeAll(passes)) {
                pass.get();
            }
        }
    }

    private void open(Severity severity, String ticket) {
        List<Finding> findings = new ArrayList<>();
        for (Problems.Tracked t : problems.of("ET", "H3-2026.7", false)) {
            findings.add(new Finding(
                    t.problem().subject(),
                    null,
                    Category.UNREADY,
                    severityOf(t.problem()),
                    "alice@example.com",
                    "d",
                    null,
                    List.of()));
        }
        findings.add(new Finding(
                ticket, "summary " + ticket, Category.UNREADY, severity, "alice@example.com", "d", null, List.of()));
        problems.track(
                UUID.randomUUID(),
                new ReleaseReport(
                        "ET",
                        "H3-2026.7",
                        "2026.7",
                        MONDAY_9,
                        "success",
                        Map.of(Category.UNREADY, findings.size()),
                        List.of(),
                        findings,
                        List.of(new AssigneeRow(
                                "alice@example.com",
                                "Alice",
                                List.of("alice@example.com", "sub@example.com"),
                                true,
                                Map.of(),
                                null)),
                        List.of()),
                "thread-42");
    }

    private static Severity severityOf(Problem problem) {
        return problem.slaClass() == SlaClass.BLOCKING ? Severity.BLOCKING : Severity.SEMI_BLOCKING;
    }
}
