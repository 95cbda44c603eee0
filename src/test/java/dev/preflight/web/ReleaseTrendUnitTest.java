package dev.preflight.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.check.Category;
import dev.preflight.check.Verdict;
import dev.preflight.history.Execution;
import dev.preflight.history.ExecutionStatus;
import dev.preflight.history.Trigger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ReleaseTrendUnitTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private final JsonMapper json = JsonMapper.builder().build();

    private static Execution run(String at, int blocking, int outdated, boolean probed) {
        return new Execution(
                UUID.randomUUID(),
                "ET",
                "H3-2026.7",
                "2026.7",
                Trigger.WEB,
                "admin",
                Instant.parse(at),
                Instant.parse(at).plusSeconds(3),
                ExecutionStatus.SUCCESS,
                "{\"outdated\":" + probed + "}",
                "{\"missingInPackaging\":" + blocking + ",\"outdatedPackage\":" + outdated + ",\"unready\":4}",
                new Verdict(blocking, outdated, 4),
                "{}",
                null);
    }

    /** Newest first, as history lists them. */
    private static List<Execution> newestFirst(Execution... oldestFirst) {
        List<Execution> list = new ArrayList<>(List.of(oldestFirst));
        java.util.Collections.reverse(list);
        return list;
    }

    @Test
    void blockingFindingsAreTheHeadlineLineOnATimeAxisRunningToTheReleaseDate() {
        ReleaseTrend trend = ReleaseTrend.of(
                newestFirst(
                        run("2026-11-20T08:00:00Z", 20, 2, true),
                        run("2026-11-21T08:00:00Z", 12, 2, true),
                        run("2026-11-24T08:00:00Z", 3, 1, true)),
                LocalDate.of(2026, 12, 4),
                PARIS,
                json);

        assertThat(trend.description()).startsWith("Blocking findings went from 20 to 3 over 3 checks");
        assertThat(trend.dots()).hasSize(3);
        // scaled by time: the third check is three days after the second, not one step
        double gap1 = trend.dots().get(1).x() - trend.dots().get(0).x();
        double gap2 = trend.dots().get(2).x() - trend.dots().get(1).x();
        assertThat(gap2).isCloseTo(3 * gap1, org.assertj.core.data.Offset.offset(1.0));
        assertThat(trend.releaseDay()).isNotNull();
        assertThat(trend.releaseDay().label()).isEqualTo("release 2026-12-04");
        List<String> labels =
                trend.xTicks().stream().map(ReleaseTrend.Tick::label).toList();
        assertThat(labels).doesNotHaveDuplicates().hasSizeGreaterThan(1);
        assertThat(trend.bands())
                .extracting(ReleaseTrend.Band::label)
                .containsExactly("Minor", "Semi-blocking", "Blocking");
    }

    @Test
    void withinADayTheAxisReadsHours() {
        ReleaseTrend trend = ReleaseTrend.of(
                newestFirst(run("2026-11-24T07:00:00Z", 5, 1, true), run("2026-11-24T15:00:00Z", 2, 1, true)),
                null,
                PARIS,
                json);

        List<String> labels =
                trend.xTicks().stream().map(ReleaseTrend.Tick::label).toList();
        assertThat(labels)
                .doesNotHaveDuplicates()
                .allMatch(l -> l.matches("\\d\\d:00"))
                .contains("08:00", "16:00");
    }

    @Test
    void aSkippedProbeIsAGapNeverAZeroAndTheTableRunsNewestFirst() {
        Execution first = run("2026-11-20T08:00:00Z", 9, 2, true);
        Execution skipped = run("2026-11-21T08:00:00Z", 7, 0, false);
        Execution last = run("2026-11-22T08:00:00Z", 5, 1, true);
        ReleaseTrend trend = ReleaseTrend.of(newestFirst(first, skipped, last), null, PARIS, json);

        ReleaseTrend.Multiple outdated = trend.multiples().stream()
                .filter(m -> m.category().equals(Category.OUTDATED_PACKAGE))
                .findFirst()
                .orElseThrow();
        assertThat(outdated.lines())
                .as("the line breaks where the probe did not run")
                .hasSize(2);
        assertThat(outdated.dots()).hasSize(2);
        assertThat(trend.rows())
                .extracting(r -> r.execution().id())
                .containsExactly(last.id(), skipped.id(), first.id());
        assertThat(trend.rows().get(1).count(Category.OUTDATED_PACKAGE)).isNull();
        assertThat(trend.rows().get(1).count(Category.MISSING_IN_PACKAGING)).isEqualTo(7);
    }

    @Test
    void noReportNoTrend() {
        assertThat(ReleaseTrend.of(List.of(), null, PARIS, json)).isNull();
    }
}
