package dev.preflight.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.TestClock;
import dev.preflight.check.Category;
import dev.preflight.check.Finding;
import dev.preflight.check.ReleaseCheck;
import dev.preflight.check.ReleaseReport;
import dev.preflight.check.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A problem through a sequence of executions of one release, over the real tables (H2 in memory). */
class ProblemsIntegrationTest {

    // Monday 7 December 2026, 10:00 in Paris
    private static final Instant MONDAY_10 = Instant.parse("2026-12-07T09:00:00Z");

    private final TestClock clock = new TestClock(MONDAY_10);
    private Problems problems;

    @BeforeEach
    void setUp() {
        var h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:mem:problems-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        Flyway.configure()
                .dataSource(h2)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        problems = new Problems(JdbcClient.create(h2), Calendars.defaults(), Optional.of(clock));
    }

    @Test
    void aProblemOpensIsTakenIntoAccountResolvesAndComesBackWithItsHistory() {
        Finding unready = finding("ET-101", Category.UNREADY, Severity.BLOCKING);
        UUID first = track(MONDAY_10, List.of(unready));
        Problems.Tracked opened = only();
        assertThat(opened.problem().cycle()).isEqualTo(1);
        assertThat(opened.problem().slaClass()).isEqualTo(SlaClass.BLOCKING);
        assertThat(opened.acknowledge().due()).isEqualTo(OffsetDateTime.parse("2026-12-07T18:00+01:00"));
        assertThat(opened.workaround().due()).isEqualTo(OffsetDateTime.parse("2026-12-07T18:00+01:00"));

        clock.set(MONDAY_10.plus(Duration.ofHours(7))); // 17:00: 7 of 8 business hours gone
        assertThat(only().acknowledge().state()).isEqualTo(SlaClock.State.WARNING);
        assertThat(only().acknowledge().remaining()).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() ->
                        problems.acknowledge(opened.problem().id(), new Problems.Actor("mallory", false), "not mine"))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        problems.acknowledge(opened.problem().id(), new Problems.Actor("Alice", false), "looking at it");
        assertThat(only().acknowledge().state()).isEqualTo(SlaClock.State.MET_IN_TIME);
        assertThatThrownBy(() -> problems.acknowledge(opened.problem().id(), "bob", null))
                .hasMessage("already taken into account by Alice");

        track(MONDAY_10.plus(Duration.ofHours(1)), List.of(unready)); // seen again: nothing changes
        assertThat(only().problem().acknowledgedBy()).isEqualTo("Alice");

        clock.set(MONDAY_10.plus(Duration.ofDays(1)));
        UUID third = track(clock.instant(), List.of());
        assertThat(problems.of("ET", "H3-2026.7", false)).isEmpty();
        Problems.Tracked resolved = problems.of("ET", "H3-2026.7", true).getFirst();
        assertThat(resolved.workaround().state())
                .as("resolved the next day, 8 h after the report: the fix came after the workaround's target")
                .isEqualTo(SlaClock.State.MET_LATE);

        clock.set(MONDAY_10.plus(Duration.ofDays(2)));
        track(clock.instant(), List.of(unready));
        Problems.Tracked back = only();
        assertThat(back.problem().cycle()).isEqualTo(2);
        assertThat(back.problem().acknowledgedAt())
                .as("a new cycle is taken into account anew")
                .isNull();
        assertThat(back.problem().firstOpenedAt()).isEqualTo(MONDAY_10);
        assertThat(problems.history(back.problem().id()))
                .extracting(Problems.Event::kind)
                .containsExactly(
                        Problems.EventKind.OPENED,
                        Problems.EventKind.ACKNOWLEDGED,
                        Problems.EventKind.RESOLVED,
                        Problems.EventKind.REOPENED);
        assertThat(problems.history(back.problem().id()).get(2).execution()).isEqualTo(third);

        // the release's report counts the current cycle: just back, nothing settled yet
        SlaReport now = problems.report("ET", "H3-2026.7");
        assertThat(now.classes()).singleElement().satisfies(c -> {
            assertThat(c.problems()).isEqualTo(1);
            assertThat(c.open()).isEqualTo(1);
            assertThat(c.acknowledgedInTime()).isNull();
        });
        assertThat(problems.report(java.time.YearMonth.of(2026, 12), "ET").classes())
                .hasSize(1);
        assertThat(problems.report(java.time.YearMonth.of(2026, 11), null).classes())
                .isEmpty();
        assertThat(problems.history(back.problem().id()).getFirst().execution()).isEqualTo(first);
    }

    @Test
    void aReportThatCouldNotSeeACategoryResolvesNothingInIt() {
        Finding outdated = finding("ET-120", Category.OUTDATED_PACKAGE, Severity.MINOR);
        Category pipeline = Category.custom("pipeline-green", "Pipeline");
        Finding custom = finding("ET-130", pipeline, Severity.SEMI_BLOCKING);
        track(MONDAY_10, List.of(outdated, custom));
        assertThat(problems.of("ET", "H3-2026.7", false)).hasSize(2);

        // the probe skipped, the custom source failed: both problems are unknown, not gone
        Finding failed =
                new Finding(null, null, pipeline, Severity.BLOCKING, null, "source ci failed: 503", null, List.of());
        track(MONDAY_10.plusSeconds(60), List.of(failed), ReleaseCheck.OUTDATED_SKIPPED);
        assertThat(problems.of("ET", "H3-2026.7", false))
                .extracting(t -> t.problem().subject())
                .containsExactlyInAnyOrder("ET-120", "ET-130", Problem.RELEASE);

        track(MONDAY_10.plusSeconds(120), List.of());
        assertThat(problems.of("ET", "H3-2026.7", false)).isEmpty();
    }

    @Test
    void theSlaReportSharesMediansBreachesAndASafeCsv() {
        track(
                MONDAY_10,
                List.of(
                        finding("ET-101", Category.UNREADY, Severity.BLOCKING),
                        finding("=cmd|' /C calc'!A0", Category.UNREADY, Severity.BLOCKING)));
        List<Problems.Tracked> open = problems.of("ET", "H3-2026.7", false);
        clock.set(MONDAY_10.plus(Duration.ofHours(2)));
        problems.acknowledge(open.get(0).problem().id(), "alice", null);
        clock.set(MONDAY_10.plus(Duration.ofDays(1))); // Tuesday 10:00: 9 business hours, both targets past
        problems.workaround(open.get(0).problem().id(), "alice", "restarted the job");

        SlaReport report = problems.report("ET", "H3-2026.7");
        SlaReport.ClassFigures blocking = report.classes().getFirst();
        assertThat(blocking.problems()).isEqualTo(2);
        assertThat(blocking.acknowledgedInTime()).isEqualTo(0.5);
        assertThat(blocking.workedAroundInTime()).isEqualTo(0.0);
        assertThat(blocking.medianToAcknowledge()).isEqualTo(Duration.ofHours(2));
        assertThat(blocking.medianToWorkaround()).isEqualTo(Duration.ofHours(10));
        assertThat(report.breaches()).hasSize(2);
        assertThat(report.csv())
                .startsWith("class,problems,open,acknowledged_in_time,")
                .contains("blocking,2,2,50.0,0.0,2.00,10.00,2")
                .contains("breach,ET,H3-2026.7,unready,'=cmd|' /C calc'!A0,blocking,", "met-in-time,met-late");
    }

    @Test
    void minorProblemsHaveNoClockAndCommentsAreBounded() {
        track(MONDAY_10, List.of(finding("ET-140", Category.INVALID_FIX_VERSION, Severity.MINOR)));
        Problems.Tracked minor = only();
        assertThat(minor.acknowledge().state()).isEqualTo(SlaClock.State.NONE);
        assertThat(minor.acknowledge().due()).isNull();
        assertThatThrownBy(() -> problems.workaround(minor.problem().id(), "alice", "x".repeat(501)))
                .hasMessage("comment: at most 500 characters, not 501");
        assertThatThrownBy(() -> problems.acknowledge(UUID.randomUUID(), "alice", null))
                .hasMessageStartingWith("no problem ");
    }

    private Problems.Tracked only() {
        List<Problems.Tracked> open = problems.of("ET", "H3-2026.7", false);
        assertThat(open).hasSize(1);
        return open.getFirst();
    }

    private UUID track(Instant at, List<Finding> findings, String... notes) {
        UUID execution = UUID.randomUUID();
        Map<Category, Integer> summary = new java.util.HashMap<>();
        findings.forEach(f -> summary.merge(f.category(), 1, Integer::sum));
        summary.putIfAbsent(Category.custom("pipeline-green", "Pipeline"), 0);
        problems.track(
                execution,
                new ReleaseReport(
                        "ET",
                        "H3-2026.7",
                        "2026.7",
                        at,
                        "success",
                        summary,
                        List.of(),
                        findings,
                        List.of(),
                        List.of(notes)));
        return execution;
    }

    private static Finding finding(String ticket, Category category, Severity severity) {
        return new Finding(ticket, "summary of " + ticket, category, severity, "alice", "detail", null, List.of());
    }
}
