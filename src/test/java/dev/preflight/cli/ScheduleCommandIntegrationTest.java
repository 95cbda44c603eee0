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

    @Test
    void schedulesAreAddedListedAndRemoved(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        System.setProperty("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("db") + "");
        try {
            CliRun added = CliRun.of(
                    "schedule",
                    "add",
                    "--name",
                    "HK odd weeks",
                    "--cron",
                    "0 0 8 * * MON-WED",
                    "--zone",
                    "Asia/Hong_Kong",
                    "--parity",
                    "odd",
                    "--project",
                    "ET",
                    "--notify");
            assertThat(added.exitCode()).as(added.err()).isZero();
            String id = added.out().strip().substring("added schedule ".length());

            assertThat(CliRun.of("schedule", "list").out())
                    .contains(
                            id,
                            "HK odd weeks",
                            "0 0 8 * * MON-WED",
                            "Asia/Hong_Kong",
                            "odd",
                            "(next release) +Teams",
                            "next: ");
            assertThat(CliRun.of("schedule", "remove", id).out()).contains("removed schedule " + id);
            assertThat(CliRun.of("schedule", "list").out()).doesNotContain(id);

            CliRun bad =
                    CliRun.of("schedule", "add", "--name", "x", "--cron", "@often", "--zone", "UTC", "--project", "ET");
            assertThat(bad.exitCode()).isEqualTo(PreflightCli.USAGE);
            assertThat(bad.err().strip()).startsWith("preflight: cron '@often' is not valid");
        } finally {
            System.clearProperty("spring.datasource.url");
        }
    }
}
