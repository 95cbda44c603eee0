package dev.preflight.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes: a server left behind by a killed node is stopped, a stranger with a recycled pid is not. */
class LeftoverServerIntegrationTest {

    @TempDir
    Path dir;

    @Test
    void theRecordedProcessIsStoppedAndItsFileRemoved() throws Exception {
        Process leftover = new ProcessBuilder("sleep", "300").start();
        Path pidFile = dir.resolve("packaging-server.pid");
        LeftoverServer.record(pidFile, leftover);

        assertThat(LeftoverServer.stop(pidFile, Duration.ofSeconds(5))).contains(leftover.pid());

        assertThat(leftover.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(pidFile).doesNotExist();
    }

    @Test
    void aProcessThatOnlySharesThePidIsLeftAlone() throws Exception {
        Process stranger = new ProcessBuilder("sleep", "300").start();
        try {
            Path pidFile = dir.resolve("packaging-server.pid");
            Files.writeString(pidFile, stranger.pid() + " 12345\n");

            assertThat(LeftoverServer.stop(pidFile, Duration.ofSeconds(1))).isEmpty();

            assertThat(stranger.isAlive()).isTrue();
            assertThat(pidFile).doesNotExist();
        } finally {
            stranger.destroyForcibly();
        }
    }
}
