package dev.preflight.security;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.preflight.browser.Chromium;
import dev.preflight.sandbox.DemoScenario;
import dev.preflight.sandbox.Sandbox;
import dev.preflight.sandbox.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Signing in through a real OpenID Connect provider (mock-oauth2-server: discovery, authorization
 * code with PKCE, signed ID tokens, end-session) in headless Chromium, as people of each role.
 * The sandbox's Jira carries script in a summary and a display name: every page shows it as text.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProviderSignInBrowserIntegrationTest {

    static final String SCRIPT = "<script>window.__xss=1</script>";
    static final String ATTRIBUTE = "\"><img src=x onerror=window.__xss=2>";
    static final MockOAuth2Server PROVIDER = provider();
    static final Sandbox SANDBOX = Sandbox.start(hostile(DemoScenario.load()));
    static final Path SHOTS = Path.of("target/screenshots");

    private static MockOAuth2Server provider() {
        MockOAuth2Server server = new MockOAuth2Server();
        server.start();
        return server;
    }

    /** The demo, with a ticket summary and an assignee's name written by an attacker. */
    private static Scenario hostile(Scenario demo) {
        List<Scenario.Issue> issues = new ArrayList<>();
        for (Scenario.Issue i : demo.jira().issues()) {
            issues.add(
                    i.key().equals("ET-160")
                            ? new Scenario.Issue(
                                    i.key(),
                                    "Fix " + SCRIPT + " and " + ATTRIBUTE,
                                    i.status(),
                                    i.statusCategory(),
                                    i.fixVersions(),
                                    i.assignee(),
                                    i.qcAssignee(),
                                    i.codeReviewer(),
                                    i.packages(),
                                    i.qcStatus(),
                                    i.labels(),
                                    i.fields())
                            : i);
        }
        List<Scenario.User> users = demo.users().stream()
                .map(u -> u.displayName() != null && u.displayName().startsWith("Alice")
                        ? new Scenario.User(u.email(), "Alice " + ATTRIBUTE, u.accountId(), u.upn(), u.emailVisible())
                        : u)
                .toList();
        Scenario.Jira jira = new Scenario.Jira(
                demo.jira().project(), demo.jira().fields(), demo.jira().versions(), issues);
        return new Scenario(
                demo.format(),
                jira,
                users,
                demo.packaging(),
                demo.absences(),
                Map.of(),
                demo.faults(),
                demo.endpoints());
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SANDBOX.connectorProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("preflight.oidc.issuer", () -> PROVIDER.issuerUrl("entra").toString());
        registry.add("preflight.oidc.client-id", () -> "preflight");
        registry.add("preflight.oidc.client-secret", () -> "provider-secret");
        registry.add("preflight.oidc.roles.read", () -> "group-readers");
        registry.add("preflight.oidc.roles.readwrite", () -> "Preflight.ReleaseManager");
        TestAccounts.admin(registry);
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
        PROVIDER.shutdown();
        SANDBOX.close();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Opens Preflight, is sent to sign-in, and signs in at the provider as someone with these claims. */
    private Page signIn(String username, Map<String, Object> claims) {
        Map<String, Object> all = new java.util.HashMap<>(claims);
        all.put("preferred_username", username);
        PROVIDER.enqueueCallback(
                new DefaultOAuth2TokenCallback("entra", "sub-" + username, "JWT", List.of("preflight"), all, 3600));
        Page page = browser.newPage();
        page.onDialog(dialog -> {
            throw new AssertionError("a dialog opened: " + dialog.message());
        });
        page.navigate(url("/"));
        page.waitForURL(url("/login"));
        page.getByText("Sign in with Microsoft").click();
        page.waitForURL(u -> u.startsWith(url("/")) && !u.contains("/login"));
        return page;
    }

    private static LocatorAssertions.ContainsTextOptions within(double seconds) {
        return new LocatorAssertions.ContainsTextOptions().setTimeout(seconds * 1000);
    }

    @Test
    void aReleaseManagerRunsACheckAndJiraTextStaysText() {
        try (Page page = signIn("rita@example.com", Map.of("roles", List.of("Preflight.ReleaseManager")))) {
            assertThat(page.locator("header .who")).containsText("rita@example.com · readwrite");
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Tools")))
                    .isVisible();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run"))
                    .click();
            assertThat(page.locator("#status")).containsText("success", within(30));
            String execution = page.url();
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(SHOTS.resolve("signed-in-readwrite.png"))
                    .setFullPage(true));

            for (String path : List.of(
                    execution.substring(url("").length()),
                    "/executions",
                    "/latest",
                    "/releases/ET/H3-2026.7",
                    "/audit")) {
                page.navigate(url(path));
                assertThat(page.evaluate("() => window.__xss === undefined"))
                        .as("no script ran on " + path)
                        .isEqualTo(true);
                assertThat(page.locator("img[onerror]")).hasCount(0);
            }
            page.navigate(execution);
            assertThat(page.locator("body")).containsText(SCRIPT);
            assertThat(page.locator("body")).containsText("Alice " + ATTRIBUTE);

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))
                    .click();
            page.waitForURL(url("/logged-out"));
            page.navigate(url("/executions"));
            page.waitForURL(url("/login"));
        }
    }

    @Test
    void aReaderSeesReportsButNoButtonsThatChangeThings() {
        try (Page page = signIn("rob@example.com", Map.of("groups", List.of("group-other", "group-readers")))) {
            assertThat(page.locator("header .who")).containsText("rob@example.com · read");
            assertThat(page.locator("main")).containsText("starting a check needs the readwrite role");
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run")))
                    .hasCount(0);
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Tools")))
                    .hasCount(0);
            page.navigate(url("/executions"));
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete all matching")))
                    .hasCount(0);
            page.navigate(url("/tools"));
            assertThat(page.locator("h1")).containsText("Access denied");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("signed-in-read-denied.png")));
        }
    }

    @Test
    void someoneWithoutARoleIsToldSo() {
        try (Page page = signIn("nina@example.com", Map.of("groups", List.of("group-other")))) {
            assertThat(page.locator("h1")).containsText("Access denied");
            assertThat(page.locator("main")).containsText("neither the read nor the readwrite role");
        }
        try (Page page = signIn("olga@example.com", Map.of("_claim_names", Map.of("groups", "src1")))) {
            assertThat(page.locator("main")).containsText("too many groups");
        }
    }
}
