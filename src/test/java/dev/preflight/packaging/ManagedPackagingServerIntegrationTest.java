package dev.preflight.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.sandbox.DemoScenario;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** A real child JVM: the sandbox's packaging server started as the managed process. */
class ManagedPackagingServerIntegrationTest {

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static PackagingProperties.Managed managed(List<String> command, Duration startTimeout) {
        return new PackagingProperties.Managed(
                true,
                command,
                null,
                Path.of(System.getProperty("java.home")),
                startTimeout,
                Duration.ofSeconds(5),
                new PackagingProperties.Jdk(null, null, Path.of(".preflight/jdk")),
                null);
    }

    private static PackagingClient client(int port) {
        return new PackagingClient(
                new PackagingProperties(
                        java.net.URI.create("http://127.0.0.1:" + port),
                        "preflight",
                        "sandbox-packaging-password",
                        500,
                        Duration.ofMillis(500),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(5),
                        Duration.ofMillis(50),
                        Map.of(),
                        managed(List.of(), Duration.ofSeconds(1))),
                JsonMapper.builder().build());
    }

    @Test
    void startsWaitsForHealthAndStopsAfterAFailedCheck() throws IOException {
        int port = freePort();
        PackagingClient client = client(port);
        List<String> command = List.of(
                "java",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.preflight.cli.PreflightCli",
                "sandbox",
                "--scenario",
                DemoScenario.FILE.toString(),
                "--packaging-port",
                String.valueOf(port));
        ManagedPackagingServer[] started = new ManagedPackagingServer[1];

        assertThatThrownBy(() -> {
                    try (ManagedPackagingServer server = ManagedPackagingServer.start(
                            managed(command, Duration.ofSeconds(60)),
                            Path.of(System.getProperty("java.home")),
                            client)) {
                        started[0] = server;
                        assertThat(client.releases("ET")).contains("2026.7");
                        throw new IllegalStateException("the check failed half-way");
                    }
                })
                .hasMessage("the check failed half-way");

        assertThat(started[0].isAlive()).isFalse();
        assertThatThrownBy(client::health).hasMessageContaining("cannot connect");
    }

    @Test
    void aServerThatNeverBecomesHealthyIsStoppedAndSaid() throws IOException {
        PackagingClient client = client(freePort());

        assertThatThrownBy(() -> ManagedPackagingServer.start(
                        managed(List.of("sleep", "60"), Duration.ofSeconds(2)), null, client))
                .hasMessageStartingWith("packaging server: not healthy within 2 s");
        assertThat(ProcessHandle.current()
                        .descendants()
                        .filter(p -> p.info().command().orElse("").endsWith("sleep")))
                .isEmpty();
    }

    @Test
    void aServerThatExitsAtOnceIsSaidWithItsLastOutput() throws IOException {
        PackagingClient client = client(freePort());

        assertThatThrownBy(() -> ManagedPackagingServer.start(
                        managed(List.of("sh", "-c", "echo port already in use; exit 3"), Duration.ofSeconds(10)),
                        null,
                        client))
                .hasMessageContaining("exited with code 3");
    }

    @Test
    void theToolsTabCanStartAndStopItAndShowsItsOutput() throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = List.of(
                "java",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.preflight.cli.PreflightCli",
                "sandbox",
                "--scenario",
                DemoScenario.FILE.toString(),
                "--packaging-port",
                String.valueOf(port));
        PackagingProperties properties = new PackagingProperties(
                java.net.URI.create("http://127.0.0.1:" + port),
                "preflight",
                "sandbox-packaging-password",
                500,
                Duration.ofMillis(500),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                Duration.ofMillis(50),
                Map.of(),
                managed(command, Duration.ofSeconds(60)));
        ManagedServerControl control = new ManagedServerControl(
                properties, new PackagingClient(properties, JsonMapper.builder().build()));
        try {
            control.start();

            assertThat(control.status().running()).isTrue();
            assertThat(control.status().pid()).isPositive();
            // the process answers its health check before it has printed its endpoints: wait for them
            java.time.Instant deadline = java.time.Instant.now().plusSeconds(10);
            while (control.status().lastLines().stream().noneMatch(line -> line.startsWith("Packaging server"))
                    && java.time.Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            assertThat(control.status().lastLines()).anyMatch(line -> line.startsWith("Packaging server"));
        } finally {
            control.stop();
        }
        assertThat(control.status().running()).isFalse();
    }
}
