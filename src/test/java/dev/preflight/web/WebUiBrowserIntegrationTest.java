package dev.preflight.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.preflight.browser.Chromium;
import dev.preflight.sandbox.DemoScenario;
import dev.preflight.sandbox.Sandbox;
import dev.preflight.sandbox.Scenario;
import dev.preflight.security.TestAccounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The web UI in headless Chromium against the running app and the sandbox. Screenshots: target/screenshots. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebUiBrowserIntegrationTest {

    static final Sandbox SANDBOX = Sandbox.start(DemoScenario.withLatency(Map.of("jira", 100)));
    static final Path SHOTS = Path.of("target/screenshots");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SANDBOX.connectorProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        TestAccounts.admin(registry);
    }

    /** Every page needs a signed-in person: the admin, through the sign-in form. */
    private final java.util.List<String> policyViolations = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Page signedIn(Page page) {
        // the Content-Security-Policy allows no inline script or style: anything the pages need inline shows here
        page.onConsoleMessage(message -> {
            if (message.text().contains("Content Security Policy")) {
                policyViolations.add(page.url() + ": " + message.text());
            }
        });
        page.navigate(url("/login"));
        page.getByLabel("Account", new Page.GetByLabelOptions().setExact(true)).fill(TestAccounts.ADMIN);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestAccounts.ADMIN_PASSWORD);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        page.waitForURL(url("/"));
        return page;
    }

    private static Chromium chromium;
    private static Browser browser;

    @LocalServerPort
    int port;

    @BeforeAll
    static void launch() throws Exception {
        Files.createDirectories(SHOTS);
        chromium = Chromium.launch();
        browser = chromium.browser();
    }

    @AfterAll
    static void close() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @org.junit.jupiter.api.AfterEach
    void noPolicyViolations() {
        assertThat(policyViolations).isEmpty();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static LocatorAssertions.ContainsTextOptions within(double seconds) {
        return new LocatorAssertions.ContainsTextOptions().setTimeout(seconds * 1000);
    }

    @Test
    void runACheckWatchItFindItInTheHistoryExportAndDeleteIt() {
        try (Page page = signedIn(browser.newPage(
                new Browser.NewPageOptions().setViewportSize(1280, 900).setAcceptDownloads(true)))) {
            page.navigate(url("/"));
            assertThat(page.getByLabel("Project")).hasValue("ET");
            assertThat(page.getByLabel("Release", new Page.GetByLabelOptions().setExact(true)))
                    .containsText("H3-2026.7");
            page.getByLabel("Teams thread link (optional)").fill("https://example.com/nope");
            assertThat(page.locator("#thread-feedback")).containsText("not a Teams link", within(5));
            page.getByLabel("Teams thread link (optional)").fill("");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("release-check.png")));

            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run"))
                    .click();
            assertThat(page.locator("#log")).containsText("Reading Jira release H3-2026.7", within(15));
            assertThat(page.locator("#status")).containsText("success", within(30));
            assertThat(page.locator("body")).containsText("by web (admin)");
            assertThat(page.locator("#verdict")).containsText("Not ready — 11 blocking, 7 semi-blocking, 17 minor");
            assertThat(page.locator("#findings")).containsText("Missing in packaging (5)");
            assertThat(page.locator("table.people")).containsText("ET-160");
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("execution.png"))
                    .setFullPage(true));
            String detail = page.url();

            page.getByText("Release trend and all its checks").click();
            assertThat(page.locator("svg.trend polyline.blocking")).hasCount(1);
            assertThat(page.locator("svg.trend circle")).hasCount(1);
            assertThat(page.locator("ul.multiples")).containsText("Missing in packaging: 5");
            assertThat(page.getByRole(
                            com.microsoft.playwright.options.AriaRole.TABLE,
                            new Page.GetByRoleOptions().setName("Findings per check, newest")))
                    .containsText("Missing in packaging");
            assertThat(page.locator("#problems-heading")).containsText("Open problems");
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("release-trend.png"))
                    .setFullPage(true));

            page.navigate(url("/executions?status=success"));
            assertThat(page.locator("#executions")).containsText("H3-2026.7");
            page.navigate(url("/executions?status=error"));
            assertThat(page.locator("#executions")).containsText("No execution matches.");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("history.png")));

            page.navigate(detail);
            Download download =
                    page.waitForDownload(() -> page.getByText("Export JSON").click());
            assertThat(download.suggestedFilename()).startsWith("preflight-").endsWith(".json");

            page.onDialog(dialog -> dialog.accept());
            page.getByRole(
                            com.microsoft.playwright.options.AriaRole.BUTTON,
                            new Page.GetByRoleOptions().setName("Delete"))
                    .click();
            page.waitForURL(url("/executions"));
            page.navigate(detail);
            assertThat(page.locator("body")).containsText("no execution");

            page.navigate(url("/api/docs/ui.html"));
            assertThat(page.locator("body")).containsText("/api/v1/executions", within(15));
        }
    }

    @Test
    void addAScheduleSeeingItsNextFireTimesWithTheParityRule() {
        try (Page page = signedIn(browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 1000)))) {
            page.navigate(url("/schedules"));
            assertThat(page.locator("#preview li")).hasCount(10); // shown before any edit
            page.getByLabel("Name").fill("Hong Kong mornings");
            page.getByLabel("Cron rule").fill("0 0 8 * * MON-WED");
            page.getByLabel("Time zone").fill("Asia/Hong_Kong");
            page.getByLabel("ISO weeks").selectOption("odd");
            // the preview has caught up with every input once it shows the tenth odd-week fire in Hong Kong
            java.time.ZonedDateTime tenth = new dev.preflight.schedule.FireTimes(
                            "0 0 8 * * MON-WED",
                            java.time.ZoneId.of("Asia/Hong_Kong"),
                            dev.preflight.schedule.WeekParity.ODD)
                    .after(java.time.Instant.now(), 10)
                    .getLast();
            assertThat(page.locator("#preview li").last())
                    .containsText(java.time.format.DateTimeFormatter.ofPattern(
                                    "EEE yyyy-MM-dd HH:mm xxx", java.util.Locale.ENGLISH)
                            .format(tenth));
            assertThat(page.locator("#preview li")).hasCount(10);
            for (String line : page.locator("#preview li").allTextContents()) {
                int week = Integer.parseInt(line.replaceAll(".*ISO week (\\d+)\\).*", "$1"));
                org.assertj.core.api.Assertions.assertThat(week % 2).as(line).isEqualTo(1);
                org.assertj.core.api.Assertions.assertThat(line).contains(" 08:00 +08:00");
            }
            page.getByLabel("Cron rule").fill("every day");
            assertThat(page.locator("#preview")).containsText("cron 'every day'");
            page.getByLabel("Cron rule").fill("0 0 8 * * MON-WED");
            assertThat(page.locator("#preview li")).hasCount(10);
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("schedules.png"))
                    .setFullPage(true));

            page.getByLabel("Notify Teams").check();
            page.getByRole(
                            com.microsoft.playwright.options.AriaRole.BUTTON,
                            new Page.GetByRoleOptions().setName("Add schedule"))
                    .click();
            assertThat(page.locator("[role=status]")).containsText("Schedule 'Hong Kong mornings' added. Next fire: ");
            assertThat(page.locator("table")).containsText("@mentions");
            assertThat(page.locator("table")).containsText("Hong Kong mornings");
            assertThat(page.locator("table")).containsText("odd ISO weeks");
            page.getByRole(
                            com.microsoft.playwright.options.AriaRole.BUTTON,
                            new Page.GetByRoleOptions().setName("Pause"))
                    .click();
            assertThat(page.locator("table")).containsText("paused");
        }
    }

    @Test
    void writeACustomCheckSeeItsErrorAtItsLineTryItAndSaveIt() {
        try (Page page = signedIn(browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 1000)))) {
            page.navigate(url("/checks/custom"));
            String broken = CustomChecksController.STARTER.replace("severity: blocking", "severity: urgent");
            page.getByLabel("Definitions (YAML or JSON)").fill(broken);
            page.getByRole(
                            com.microsoft.playwright.options.AriaRole.BUTTON,
                            new Page.GetByRoleOptions().setName("Validate and save"))
                    .click();
            assertThat(page.locator("#document-error"))
                    .containsText("severity: must be blocking, semi-blocking or minor");
            int line = broken.lines().toList().indexOf("    severity: urgent") + 1;
            assertThat(page.locator("#document-error")).containsText("Line " + line + ":");
            org.assertj.core.api.Assertions.assertThat(
                            page.evaluate("(() => { const e = document.getElementById('document');"
                                    + " return e.value.substring(e.selectionStart, e.selectionEnd); })()"))
                    .as("the caret is on the error's line")
                    .isEqualTo("    severity: urgent");

            page.getByLabel("Definitions (YAML or JSON)").fill(CustomChecksController.STARTER);
            page.locator("#t-check").fill("do-not-ship");
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Try"))
                    .click();
            assertThat(page.locator("#tried")).containsText("finding(s)", within(20));
            assertThat(page.locator("#tried")).containsText("Source jira");
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("custom-checks.png"))
                    .setFullPage(true));

            page.getByRole(
                            com.microsoft.playwright.options.AriaRole.BUTTON,
                            new Page.GetByRoleOptions().setName("Validate and save"))
                    .click();
            assertThat(page.locator("[role=status]")).containsText("is in force");
        }
    }

    @Test
    void cancelARunningCheck() {
        // the packaging server stalls on this release so that the check is still running when cancelled
        SANDBOX.inject(new Scenario.Fault(
                "packaging", null, null, 1, "timeout", 5, "/api/v1/projects/ET/releases/2026.8/tickets"));
        try (Page page = signedIn(browser.newPage())) {
            page.navigate(url("/"));
            page.getByLabel("Release", new Page.GetByLabelOptions().setExact(true))
                    .selectOption("H3-2026.8");
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run"))
                    .click();
            page.getByRole(
                            com.microsoft.playwright.options.AriaRole.BUTTON,
                            new Page.GetByRoleOptions().setName("Cancel"))
                    .click();
            assertThat(page.locator("#status")).containsText("cancelled", within(30));
        }
    }

    @Test
    void fitsAPhoneScreen() {
        try (Page page = signedIn(browser.newPage(new Browser.NewPageOptions().setViewportSize(390, 844)))) {
            for (String path : new String[] {"/", "/executions", "/latest", "/checks/custom", "/tools"}) {
                page.navigate(url(path));
                int overflow = (int) page.evaluate("document.documentElement.scrollWidth - window.innerWidth");
                assertThat(overflow).as("horizontal scrolling of %s", path).isLessThanOrEqualTo(0);
                page.screenshot(new Page.ScreenshotOptions()
                        .setPath(SHOTS.resolve("phone" + path.replace('/', '-') + ".png"))
                        .setFullPage(true));
            }
            assertThat(page.locator("body")).containsText("Jira");
        }
    }
}
