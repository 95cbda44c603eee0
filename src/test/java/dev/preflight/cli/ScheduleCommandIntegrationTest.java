package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScheduleCommandIntegrationTest {

    @Test
    void previewPrintsOneOffsetDateTimeALine() {
        CliRun run = CliRun.of(
                "schedule",
                "preview",
                "--cron",
                "0 0 8 * * MON-WED",
                "--zone",
                "Asia/Hong_Kong",
                "--parity",
                "odd",
                "--from",
                "2026-11-23T00:00:00Z",
                "--count",
                "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines())
                .containsExactly("2026-11-30T08:00:00+08:00", "2026-12-01T08:00:00+08:00", "2026-12-02T08:00:00+08:00");
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        CliRun zone = CliRun.of("schedule", "preview", "--cron", "@daily", "--zone", "Mars/Olympus");
        CliRun cron = CliRun.of("schedule", "preview", "--cron", "every day", "--zone", "UTC");
        CliRun from = CliRun.of("schedule", "preview", "--cron", "@daily", "--zone", "UTC", "--from", "yesterday");

        assertThat(zone.exitCode()).isEqualTo(PreflightCli.USAGE);
        assertThat(zone.err().strip()).isEqualTo("preflight: unknown time zone 'Mars/Olympus'");
        assertThat(cron.err().strip()).startsWith("preflight: cron 'every day' has 2 fields");
        assertThat(from.err().strip()).startsWith("preflight: --from must be an ISO-8601 instant");
    }
}
