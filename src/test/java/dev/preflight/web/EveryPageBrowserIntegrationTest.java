package dev.preflight.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.preflight.browser.Chromium;
import dev.preflight.browser.NpmPackages;
import dev.preflight.sandbox.DemoScenario;
import dev.preflight.sandbox.Sandbox;
import dev.preflight.security.Role;
import dev.preflight.security.TestAccounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every page, signed in and out, at a desktop and a phone size: axe-core finds no serious or
 * critical violation, no page scrolls sideways, the phone's controls are at least 44 px tall, the
 * Content-Security-Policy is never broken; and a check can be started with the keyboard alone.
 * Screenshots of each page at both sizes go to target/screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EveryPageBrowserIntegrationTest {

    static final Sandbox SANDBOX = Sandbox.start(DemoScenario.load());
    static final Path SHOTS = Path.of("target/screenshots");
    static final String READER = "reader";
    static final String READER_PASSWORD = "reader-password-42";

    /** Desktop and phone, as people hold them. */
    enum Size {
        DESKTOP(1280, 900, false),
        PHONE(390, 844, true);

        final int width;
        final int height;
        final boolean mobile;

        Size(int width, int height, boolean mobile) {
            this.width = width;
            this.height = height;
            this.mobile = mobile;
        }

        String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SANDBOX.connectorProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("preflight.push.key-file", () -> KEYS.resolve("vapid-keys").toString());
        TestAccounts.admin(registry);
    }

    private static final java.nio.file.Path KEYS = temporaryDirectory();

    private static java.nio.file.Path temporaryDirectory() {
        try {
            return java.nio.file.Files.createTempDirectory("preflight-push");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Chromium chromium;
    private static Browser browser;
    private static String axe;
    private static String execution;

    @Autowired
    ApplicationContext context;

    @LocalServerPort
    int port;

    @BeforeAll
    static void launch() throws Exception {
        Files.createDirectories(SHOTS);
        chromium = Chromium.launch();
        browser = chromium.browser();
        axe = Files.readString(NpmPackages.file("axe-core@4.10.3", "axe-core", "axe.min.js"));
    }

    @AfterAll
    static void close() {
        if (chromium != null) {
            chromium.close();
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private BrowserContext context(Size size) {
        return browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(size.width, size.height)
                .setIsMobile(size.mobile)
                .setHasTouch(size.mobile)
                .setDeviceScaleFactor(size.mobile ? 2 : 1));
    }

    private Page signedIn(BrowserContext browserContext, String account, String password, List<String> problems) {
        Page page = browserContext.newPage();
        page.onConsoleMessage(message -> {
            if (message.text().contains("Content Security Policy")) {
                problems.add(page.url() + ": " + message.text());
            }
        });
        page.navigate(url("/login"));
        page.getByLabel("Account", new Page.GetByLabelOptions().setExact(true)).fill(account);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        page.waitForURL(url("/"));
        return page;
    }

    @Test
    @Order(1)
    void aCheckCanBeStartedWithTheKeyboardAloneAndFocusIsVisible() {
        List<String> problems = new ArrayList<>();
        try (BrowserContext desktop = context(Size.DESKTOP)) {
            Page page = signedIn(desktop, TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD, problems);
            page.navigate(url("/"));
            page.getByLabel("Project").focus();
            boolean onRun = false;
            for (int i = 0; i < 20 && !onRun; i++) {
                page.keyboard().press("Tab");
                String focused = (String) page.evaluate("document.activeElement.textContent.trim()");
                String style = (String) page.evaluate("(() => { const s = getComputedStyle(document.activeElement);"
                        + " return s.outlineStyle + ' ' + s.boxShadow; })()");
                assertThat(style).as("focus is visible on %s", focused).isNotEqualTo("none none");
                onRun = "Run".equals(focused);
            }
            assertThat(onRun).as("Tab reaches the Run button").isTrue();
            page.keyboard().press("Enter");
            page.waitForURL(u -> u.contains("/executions/"));
            assertThat(page.locator("#status"))
                    .containsText("success", new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
            execution = page.url().replaceAll(".*/executions/", "");

            // the findings' filters can be reached and used from the keyboard too
            page.getByLabel("Severity").focus();
            page.keyboard().press("ArrowDown");
            page.getByLabel("Search").focus();
            page.keyboard().type("ET-16");
            assertThat(page.locator("#findings")).containsText("Showing");

            // rows for the pages that list things
            page.navigate(url("/schedules"));
            page.getByLabel("Name").fill("Mornings");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add schedule"))
                    .click();
            page.navigate(url("/account"));
            page.getByLabel("Name").fill("nightly script");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create token"))
                    .click();
            assertThat(page.locator("#issued-token")).containsText("pft_");
        }
        assertThat(problems).isEmpty();
    }

    @Test
    @Order(2)
    void everyPageAtBothSizesPassesAxeFitsTheScreenAndCanBeTapped() throws Exception {
        assertThat(execution).as("the keyboard test ran a check first").isNotNull();
        TestAccounts.account(context, READER, Role.READ, READER_PASSWORD);
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("release-check", "/");
        pages.put("latest", "/latest");
        pages.put("history", "/executions");
        pages.put("execution", "/executions/" + execution);
        // a problem the check opened: its clocks and its actions
        pages.put(
                "problem",
                "/problems/"
                        + context.getBean(dev.preflight.sla.Problems.class)
                                .of("ET", "H3-2026.7", false)
                                .getFirst()
                                .problem()
                                .id());
        pages.put("release", "/releases/ET/H3-2026.7");
        pages.put("schedules", "/schedules");
        pages.put("custom-checks", "/checks/custom");
        pages.put("board", "/board");
        pages.put("cache", "/cache");
        pages.put("sla", "/sla");
        pages.put("statistics", "/statistics?days=90");
        pages.put("tools", "/tools");
        pages.put("audit", "/audit");
        pages.put("account", "/account");
        pages.put("password", "/account/password");
        // the admin's phone, so that the page shows its table of devices
        var push = context.getBean(dev.preflight.push.PushSettings.class);
        var phone = SANDBOX.pushSubscribe(push.availability().applicationServerKey());
        push.register(
                "local:" + TestAccounts.ADMIN,
                TestAccounts.ADMIN,
                phone.endpoint(),
                phone.p256dh(),
                phone.auth(),
                "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Safari/604.1");
        pages.put("notifications", "/account/notifications");
        pages.put("not-found", "/executions/" + UUID.randomUUID());

        List<String> problems = new ArrayList<>();
        for (Size size : Size.values()) {
            try (BrowserContext browserContext = context(size)) {
                Page page = signedIn(browserContext, TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD, problems);
                for (var entry : pages.entrySet()) {
                    page.navigate(url(entry.getValue()));
                    inspect(page, entry.getKey(), size, problems);
                }
            }
            try (BrowserContext browserContext = context(size)) {
                Page page = signedIn(browserContext, READER, READER_PASSWORD, problems);
                inspect(page, "read-only-release-check", size, problems);
                page.navigate(url("/tools"));
                inspect(page, "access-denied", size, problems);
                page.navigate(url("/executions/" + execution));
                inspect(page, "read-only-execution", size, problems);
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))
                        .click();
                page.waitForURL(u -> u.contains("/logged-out"));
                inspect(page, "logged-out", size, problems);
                page.navigate(url("/login"));
                inspect(page, "login", size, problems);
            }
        }
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    /** axe-core, sideways scrolling and tap targets on the page as it is now; a screenshot of it. */
    private void inspect(Page page, String name, Size size, List<String> problems) {
        page.waitForLoadState();
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve(name + "-" + size.key() + ".png"))
                .setFullPage(true));
        if (name.equals("execution")) { // what a person sees first, for the README
            page.screenshot(
                    new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + "-" + size.key() + "-first-screen.png")));
        }
        String where = name + " (" + size.key() + ")";
        // evaluate is not subject to the page's Content-Security-Policy: axe is injected without weakening it
        page.evaluate(axe);
        Object found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']}))"
                + ".violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at '"
                + " + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))");
        for (Object violation : (List<?>) found) {
            problems.add(where + ": " + violation);
        }
        int overflow = ((Number) page.evaluate("document.documentElement.scrollWidth - window.innerWidth")).intValue();
        if (overflow > 1) {
            problems.add(where + ": the page scrolls sideways by " + overflow + " px");
        }
        if (size == Size.PHONE) {
            Object small = page.evaluate("() => [...document.querySelectorAll("
                    + "'button, nav a, input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, summary,"
                    + " [role=button]')]"
                    + ".filter(e => e.offsetParent !== null)"
                    + ".map(e => [e, e.getBoundingClientRect()])"
                    + ".filter(([e, r]) => r.height < 43.5)"
                    + ".map(([e, r]) => e.tagName.toLowerCase() + ' \"' + (e.textContent || e.name || '').trim().slice(0, 30)"
                    + " + '\" is ' + Math.round(r.height) + ' px tall')");
            for (Object target : (List<?>) small) {
                problems.add(where + ": tap target " + target);
            }
        }
    }
}
