package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** preflight sla deadline: the hand counts of BusinessCalendarUnitTest from the command line, with no database. */
class SlaCommandUnitTest {

    @Test
    void aDeadlineIsPrintedInTheCalendarsZone() {
        // Friday 4 December 2026 15:00 in Paris, 8 business hours: Monday 13:00
        CliRun run = CliRun.of("sla", "deadline", "--from", "2026-12-04T14:00:00Z", "--business-hours", "8");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("2026-12-07T13:00:00+01:00");
        // over Whit Monday 2026 and a weekend
        assertThat(CliRun.of("sla", "deadline", "--from", "2026-05-22T13:00:00Z", "--business-hours", "8")
                        .out()
                        .strip())
                .isEqualTo("2026-05-26T13:00:00+02:00");
    }

    @Test
    void badInputIsOneLine() {
        assertThat(CliRun.of("sla", "deadline", "--from", "yesterday", "--business-hours", "8")
                        .err()
                        .strip())
                .isEqualTo("preflight: --from: 'yesterday' is not an ISO-8601 instant (e.g. 2026-12-04T14:00:00Z)");
        assertThat(CliRun.of(
                                "sla",
                                "deadline",
                                "--from",
                                "2026-12-04T14:00:00Z",
                                "--business-hours",
                                "8",
                                "--calendar",
                                "mars")
                        .err()
                        .strip())
                .startsWith("preflight: calendar: no calendar named 'mars'");
        assertThat(CliRun.of("sla", "deadline", "--from", "2026-12-04T14:00:00Z", "--business-hours", "-1")
                        .err()
                        .strip())
                .isEqualTo("preflight: --business-hours: must be between 0 and 10000, not -1");
    }
}
