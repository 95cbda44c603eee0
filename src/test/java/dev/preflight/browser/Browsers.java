package dev.preflight.browser;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Headless Debian Chromium driven by Playwright (no browser download). Missing Chromium skips
 * the test outside CI and fails it in CI.
 */
public final class Browsers {

    public static final Path CHROMIUM =
            Path.of(System.getenv().getOrDefault("PREFLIGHT_CHROMIUM", "/usr/bin/chromium"));

    private Browsers() {}

    public static void requireChromium() {
        if (!Files.isExecutable(CHROMIUM)) {
            String message = CHROMIUM + " is missing (apt-get install -y chromium)";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            assumeTrue(false, message + ": skipped outside CI");
        }
    }

    public static Browser launch(Playwright playwright) {
        requireChromium();
        return playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(ARGS));
    }

    private static final List<String> ARGS = List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run");

    /**
     * A browser profile kept in a folder, as a person's is: what an installed app needs (an
     * incognito context is never installable) and where a service worker keeps its caches.
     */
    public static com.microsoft.playwright.BrowserContext launchPersistent(Playwright playwright, Path profile) {
        requireChromium();
        return playwright
                .chromium()
                .launchPersistentContext(
                        profile,
                        new BrowserType.LaunchPersistentContextOptions()
                                .setExecutablePath(CHROMIUM)
                                .setHeadless(true)
                                .setArgs(ARGS));
    }
}
