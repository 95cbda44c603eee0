package dev.preflight.browser;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** npm packages the browser tests load, installed once under target/ from the npm registry. */
public final class NpmPackages {

    private NpmPackages() {}

    /** The path of {@code file} inside package {@code spec} ("name@version"), installing it first if needed. */
    public static Path file(String spec, String name, String file) {
        Path root = Path.of("target", "npm", spec.replace('@', '-'));
        Path target = root.resolve("node_modules").resolve(name).resolve(file);
        if (Files.exists(target)) {
            return target;
        }
        try {
            Files.createDirectories(root);
            Process npm = new ProcessBuilder(
                            "npm", "install", "--no-audit", "--no-fund", "--silent", "--prefix", root.toString(), spec)
                    .redirectErrorStream(true)
                    .start();
            String output = new String(npm.getInputStream().readAllBytes());
            if (!npm.waitFor(180, TimeUnit.SECONDS) || npm.exitValue() != 0 || !Files.exists(target)) {
                unavailable("npm install " + spec + " failed: " + output.strip());
            }
        } catch (IOException e) {
            unavailable("npm is not available (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unavailable("interrupted while installing " + spec);
        }
        return target;
    }

    private static void unavailable(String message) {
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        assumeTrue(false, message + ": skipped outside CI");
    }
}
