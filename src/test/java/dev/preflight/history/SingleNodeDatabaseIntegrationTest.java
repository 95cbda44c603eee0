package dev.preflight.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second server on an H2 file in use is refused; the first one's death frees the file. */
class SingleNodeDatabaseIntegrationTest {

    @TempDir
    Path dir;

    @Test
    void aSecondNodeOnTheSameH2FileIsRefused() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db/preflight") + "";
        // the first node: another JVM holding the file, killed with SIGKILL at the end
        Process first = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Holder.class.getName(),
                        url)
                .redirectErrorStream(true)
                .start();
        try {
            assertThat(new String(first.getInputStream().readNBytes(5))).isEqualTo("held\n");

            IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalStateException.class, () -> new SingleNodeDatabase(url));
            assertThat(refused.getMessage())
                    .startsWith("another Preflight server already uses the H2 database ")
                    .endsWith("several nodes need PostgreSQL (PREFLIGHT_DB_URL)");
        } finally {
            first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }

        new SingleNodeDatabase(url).destroy();
        new SingleNodeDatabase("jdbc:h2:mem:x").destroy();
        assertThat(SingleNodeDatabase.h2File("jdbc:postgresql://db/preflight")).isEmpty();
    }

    /** Holds the node lock until killed. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            new SingleNodeDatabase(args[0]);
            System.out.print("held\n");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
