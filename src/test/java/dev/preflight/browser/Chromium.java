package dev.preflight.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;

/** Playwright and its headless Chromium, opened once per test class and closed together. */
public final class Chromium implements AutoCloseable {

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Fails in CI, skips elsewhere, when Chromium is missing (see {@link Browsers#requireChromium()}). */
    public static Chromium launch() {
        Browsers.requireChromium();
        Playwright playwright = Playwright.create();
        return new Chromium(playwright, Browsers.launch(playwright));
    }

    public Browser browser() {
        return browser;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
