package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs against a sandbox are kept apart from the real history. */
class SandboxDatabaseIntegrationTest {

    @Test
    void aSandboxRunIsStoredInTheSandboxDatabaseNotTheRealOne(@TempDir Path dataDir) {
        String before = System.getProperty("preflight.data-dir");
        System.setProperty("preflight.data-dir", dataDir.toString());
        try {
            CliRun run = CliRun.of(
                    "check",
                    "--project",
                    "ET",
                    "--sandbox",
                    CheckCommandIntegrationTest.DEMO,
                    "--skip",
                    "resync,outdated",
                    "--quiet");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(dataDir.resolve("db/sandbox.mv.db")).exists();
            assertThat(dataDir.resolve("db/preflight.mv.db")).doesNotExist();
        } finally {
            System.setProperty("preflight.data-dir", before);
        }
    }
}
