package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's commands and the demo server keep one history; --sandbox only swaps the outside world. */
class OneHistoryIntegrationTest {

    @Test
    void aSandboxRunIsListedByHistoryAndStoredInTheOneDatabase(@TempDir Path dataDir) {
        String before = System.getProperty("preflight.data-dir");
        System.setProperty("preflight.data-dir", dataDir.toString());
        try {
            // --sandbox without a file: the built-in demo scenario
            CliRun run = CliRun.of("check", "--project", "ET", "--sandbox", "--skip", "resync,outdated");

            assertThat(run.exitCode()).as(run.err()).isZero();
            String id = run.err()
                    .lines()
                    .filter(line -> line.startsWith("preflight: stored as execution "))
                    .map(line -> line.substring("preflight: stored as execution ".length()))
                    .findFirst()
                    .orElseThrow();
            CliRun list = CliRun.of("history", "list");
            assertThat(list.out()).contains(id);
            assertThat(dataDir.resolve("db/preflight.mv.db")).exists();
            assertThat(dataDir.resolve("db/sandbox.mv.db")).doesNotExist();
        } finally {
            System.setProperty("preflight.data-dir", before);
        }
    }

    @Test
    void theCliUserIsRecordedAsWhoTriggeredIt(@TempDir Path dataDir) {
        String before = System.getProperty("preflight.data-dir");
        System.setProperty("preflight.data-dir", dataDir.toString());
        try {
            CliRun run = CliRun.of("check", "--project", "ET", "--sandbox", "--skip", "resync,outdated", "--quiet");
            assertThat(run.exitCode()).as(run.err()).isZero();

            CliRun list = CliRun.of("history", "list", "--format", "json");
            assertThat(list.out())
                    .contains("\"trigger\":\"cli\"")
                    .contains("\"triggeredBy\":\"" + System.getProperty("user.name") + "\"");
        } finally {
            System.setProperty("preflight.data-dir", before);
        }
    }
}
