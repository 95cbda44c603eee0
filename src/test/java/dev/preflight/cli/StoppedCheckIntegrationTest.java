package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.sandbox.DemoScenario;
import dev.preflight.sandbox.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A CLI check in its own JVM against a sandbox served by the test: stopped with SIGTERM it ends
 * interrupted and deletes its probe; killed outright, the next run marks it interrupted.
 */
class StoppedCheckIntegrationTest {

    private final JsonMapper json = JsonMapper.builder().build();

    private static Process check(Sandbox sandbox, Path dataDir, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-Dpreflight.data-dir=" + dataDir));
        sandbox.connectorProperties().forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "dev.preflight.cli.PreflightCli",
                "check",
                "--project",
                "ET",
                "--release",
                "H3-2026.7",
                "--skip",
                "resync"));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static void await(BooleanSupplier condition, Process process, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("the check never got there: " + Files.readString(log));
            }
            Thread.sleep(20);
        }
    }

    private JsonNode only(Path dataDir) {
        String before = System.getProperty("preflight.data-dir");
        System.setProperty("preflight.data-dir", dataDir.toString());
        try {
            CliRun list = CliRun.of("history", "list", "--format", "json");
            assertThat(list.exitCode()).as(list.err()).isZero();
            JsonNode all = json.readTree(list.out());
            return all.get(0);
        } finally {
            System.setProperty("preflight.data-dir", before);
        }
    }

    @Test
    void sigtermEndsTheCheckInterruptedAndDeletesItsProbe(@TempDir Path dataDir) throws Exception {
        try (Sandbox sandbox = Sandbox.start(DemoScenario.withLatency(Map.of("packaging", 800)))) {
            int changeRequests = sandbox.packagingChangeRequests().size();
            Path log = dataDir.resolve("check.log");
            Process process = check(sandbox, dataDir, log);

            // stopped while its probe exists on the packaging server
            await(() -> sandbox.packagingChangeRequests().size() > changeRequests, process, log);
            process.destroy();

            assertThat(process.waitFor()).as(Files.readString(log)).isEqualTo(128 + 15);
            assertThat(sandbox.packagingChangeRequests()).as("probe deleted").hasSize(changeRequests);
            JsonNode execution = only(dataDir);
            assertThat(execution.path("status").asString()).isEqualTo("interrupted");
        }
    }

    @Test
    void aKilledRunIsMarkedInterruptedByTheNextRun(@TempDir Path dataDir) throws Exception {
        try (Sandbox sandbox = Sandbox.start(DemoScenario.withLatency(Map.of("packaging", 800, "jira", 500)))) {
            Path log = dataDir.resolve("check.log");
            Process process = check(sandbox, dataDir, log);
            await(() -> sandbox.requestCount("jira") > 0, process, log);
            Thread.sleep(1500); // H2 writes its file within a second: the started execution is on disk
            process.destroyForcibly().waitFor();
            assertThat(only(dataDir).path("status").asString()).isEqualTo("running");

            Process next = check(sandbox, dataDir, dataDir.resolve("next.log"));

            assertThat(next.waitFor())
                    .as(Files.readString(dataDir.resolve("next.log")))
                    .isZero();
            String before = System.getProperty("preflight.data-dir");
            System.setProperty("preflight.data-dir", dataDir.toString());
            try {
                CliRun list = CliRun.of("history", "list", "--status", "interrupted", "--format", "json");
                assertThat(json.readTree(list.out())).hasSize(1);
            } finally {
                System.setProperty("preflight.data-dir", before);
            }
        }
    }
}
