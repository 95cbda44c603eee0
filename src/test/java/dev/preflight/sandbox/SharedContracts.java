package dev.preflight.sandbox;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of ../shared: skipped with a message where absent, but a failure in CI, where they must be. */
final class SharedContracts {

    private SharedContracts() {}

    static Path require(String relative) {
        String dir = System.getenv().getOrDefault("PREFLIGHT_SHARED_DIR", "../shared");
        Path file = Path.of(dir).resolve(relative);
        if (!Files.isReadable(file)) {
            String message = file.toAbsolutePath() + " is absent: this test needs the project's shared contracts";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            assumeTrue(false, message + " (skipped outside CI)");
        }
        return file;
    }
}
