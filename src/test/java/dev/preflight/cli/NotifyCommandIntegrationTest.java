package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    private static String withFaults(Path dir, String faults) throws IOException {
        Path scenario = dir.resolve("faulty.json");
        Files.writeString(
                scenario,
                Files.readString(Path.of(CheckCommandIntegrationTest.DEMO))
                        .replace("\"faults\": []", "\"faults\": " + faults));
        return scenario.toString();
    }

    @Test
    void directoryDownStillSendsTheCardWithoutMentionsAndSaysWhy(@TempDir Path dir) throws IOException {
        CliRun run = CliRun.of(
                "check",
                "--project",
                "ET",
                "--sandbox",
                withFaults(dir, "[{\"target\": \"ldap\", \"kind\": \"down\"}]"),
                "--skip",
                "resync,outdated",
                "--notify",
                "--dry-run",
                "--quiet");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .doesNotContain("<at>")
                .contains("people are named, not mentioned: the directory could not be read")
                .contains("Dave Leroy (absent) → bob@example.com");
    }

    @Test
    void absencesDownStillNotifiesTheAssigneesAndSaysSo(@TempDir Path dir) throws IOException {
        CliRun run = CliRun.of(
                "check",
                "--project",
                "ET",
                "--sandbox",
                withFaults(dir, "[{\"target\": \"lucca\", \"status\": 500, \"times\": 100}]"),
                "--skip",
                "resync,outdated",
                "--notify",
                "--dry-run",
                "--quiet");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Note: absences unknown (Lucca: GET /api/v3/users answered 500")
                .contains("<at>Dave Leroy</at>")
                .doesNotContain("(absent)");
    }
}
