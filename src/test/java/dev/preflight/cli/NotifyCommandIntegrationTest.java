package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NotifyCommandIntegrationTest {

    @Test
    void checkNotifyPostsToTheSandboxSink() {
        CliRun run = CliRun.of(
                "check",
                "--project",
                "ET",
                "--sandbox",
                CheckCommandIntegrationTest.DEMO,
                "--skip",
                "resync",
                "--notify");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("preflight: posted 1 card(s) to Teams");
    }

    @Test
    void aDryRunPrintsThePayloadInsteadOfTheReport() {
        CliRun run = CliRun.of(
                "check",
                "--project",
                "ET",
                "--sandbox",
                CheckCommandIntegrationTest.DEMO,
                "--skip",
                "resync,outdated",
                "--notify",
                "--dry-run",
                "--no-mentions",
                "--quiet");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .startsWith("{\"type\":\"message\",\"attachments\":[")
                .doesNotContain("<at>");
    }

    @Test
    void aMalformedThreadLinkIsRefusedBeforeAnythingRuns() {
        CliRun run = CliRun.of(
                "check",
                "--project",
                "ET",
                "--sandbox",
                "does-not-exist.json",
                "--notify",
                "--thread",
                "https://example.com/l/message/abc/123");

        assertThat(run.exitCode()).isEqualTo(PreflightCli.USAGE);
        assertThat(run.err().strip())
                .isEqualTo("preflight: thread link is not a Teams link (expected"
                        + " https://teams.microsoft.com/l/message/<channel>/<message id>?...)");
    }

    @Test
    void notifyOptionsNeedNotify() {
        CliRun run = CliRun.of("check", "--project", "ET", "--dry-run");

        assertThat(run.exitCode()).isEqualTo(PreflightCli.USAGE);
        assertThat(run.err()).contains("--thread, --no-mentions and --dry-run go with --notify");
    }
}
