package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthCommandIntegrationTest {

    @Test
    void everyConnectorAnswersInTheSandbox() {
        CliRun run = CliRun.of("health", "--sandbox", CheckCommandIntegrationTest.DEMO);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(4).allMatch(line -> line.contains(" UP "));
        assertThat(run.out()).contains("signed in as", "credentials accepted", "connected", "8 users");
    }

    @Test
    void aDownConnectorIsExitThree(@TempDir Path dir) throws IOException {
        Path scenario = dir.resolve("lucca-down.json");
        Files.writeString(
                scenario,
                Files.readString(Path.of(CheckCommandIntegrationTest.DEMO))
                        .replace(
                                "\"faults\": []",
                                "\"faults\": [{\"target\": \"lucca\", \"status\": 500, \"times\": 100}]"));

        CliRun run = CliRun.of("health", "--sandbox", scenario.toString());

        assertThat(run.exitCode()).isEqualTo(PreflightCli.UPSTREAM);
        assertThat(run.out()).containsPattern("Absences \\(Lucca\\) +DOWN .*answered 500");
    }
}
