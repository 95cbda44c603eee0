package dev.preflight.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import dev.preflight.browser.Browsers;
import dev.preflight.sandbox.DemoScenario;
import dev.preflight.sandbox.Sandbox;
import dev.preflight.security.TestAccounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Preflight as an installed app in Chromium: the manifest passes the browser's installability
 * checks, the service worker registers and takes control, and the board opened before is served
 * without a network, saying as of when; signing out forgets it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InstalledAppBrowserIntegrationTest {

    static final Sandbox SANDBOX = Sandbox.start(DemoScenario.load());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SANDBOX.connectorProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        TestAccounts.admin(registry);
    }

    @LocalServerPort
    int port;

    private String url(String path) {
        // localhost is a secure context: service workers and installation need one
        return "http://localhost:" + port + path;
    }

    @Test
    void theAppInstallsRegistersItsWorkerAndShowsTheBoardOffline() throws Exception {
        Browsers.requireChromium();
        Path profile = Files.createTempDirectory("preflight-profile");
        try (Playwright playwright = Playwright.create();
                BrowserContext app = Browsers.launchPersistent(playwright, profile)) {
            Page page = app.pages().isEmpty() ? app.newPage() : app.pages().getFirst();
            var manifest = page.request().get(url("/manifest.webmanifest"));
            assertThat(manifest.status()).isEqualTo(200);
            assertThat(manifest.headers().get("content-type")).startsWith("application/manifest+json");
            JsonNode m = JsonMapper.builder().build().readTree(manifest.text());
            assertThat(m.path("display").asString()).isEqualTo("standalone");
            assertThat(m.path("icons").valueStream().map(i -> i.path("purpose").asString()))
                    .contains("any", "maskable");

            page.navigate(url("/login"));
            page.getByLabel("Account", new Page.GetByLabelOptions().setExact(true))
                    .fill(TestAccounts.ADMIN);
            page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true))
                    .fill(TestAccounts.ADMIN_PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                    .click();
            page.waitForURL(url("/"));

            page.navigate(url("/board"));
            assertThat(page.evaluate("navigator.serviceWorker.ready.then(r => r.active.state)"))
                    .isEqualTo("activated");
            page.reload(); // now under the worker's control: the board is kept as it is shown
            assertThat(page.evaluate("navigator.serviceWorker.controller !== null"))
                    .isEqualTo(true);
            assertThat(page.locator("h1")).hasText("Release board");

            CDPSession devtools = app.newCDPSession(page);
            JsonObject installability = devtools.send("Page.getInstallabilityErrors");
            JsonArray errors = installability.getAsJsonArray("installabilityErrors");
            assertThat(errors.size()).as("installability errors: %s", errors).isZero();

            // a push message reaches the worker (as the browser's push service would deliver it) and
            // is shown as a notification that opens the page it names
            app.grantPermissions(
                    List.of("notifications"), new BrowserContext.GrantPermissionsOptions().setOrigin(url("")));
            java.util.concurrent.CompletableFuture<String> registration =
                    new java.util.concurrent.CompletableFuture<>();
            devtools.on(
                    "ServiceWorker.workerRegistrationUpdated",
                    event -> event.getAsJsonArray("registrations")
                            .forEach(r -> registration.complete(
                                    r.getAsJsonObject().get("registrationId").getAsString())));
            devtools.send("ServiceWorker.enable");
            JsonObject push = new JsonObject();
            push.addProperty("origin", url(""));
            // Playwright hands over events while it works: wait with it, not beside it
            for (int i = 0; i < 100 && !registration.isDone(); i++) {
                page.waitForTimeout(100);
            }
            push.addProperty("registrationId", registration.getNow("none"));
            push.addProperty(
                    "data",
                    "{\"title\":\"3 findings for you in H3-2026.7\",\"body\":\"ET · Not ready\",\"url\":\"/executions/x?assignee=alice\",\"tag\":\"findings-ET\"}");
            devtools.send("ServiceWorker.deliverPushMessage", push);
            page.waitForFunction(
                    "navigator.serviceWorker.ready.then(r => r.getNotifications()).then(n => n.length > 0)");
            assertThat(
                            page.evaluate(
                                    "navigator.serviceWorker.ready.then(r => r.getNotifications()).then(n => n[0].title + ' | ' + n[0].data.url)"))
                    .isEqualTo("3 findings for you in H3-2026.7 | /executions/x?assignee=alice");

            app.setOffline(true);
            page.navigate(url("/board"));
            assertThat(page.locator(".offline-banner")).containsText("Offline: as of");
            assertThat(page.locator("h1")).hasText("Release board");
            page.navigate(url("/executions/" + UUID.randomUUID())); // a report never opened here
            assertThat(page.locator("body")).containsText("Offline, and this page was not opened here before.");
            app.setOffline(false);

            // signing out forgets what was kept for this person
            page.navigate(url("/board"));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))
                    .click();
            page.waitForURL(u -> !u.contains("/board"));
            page.waitForFunction("caches.keys().then(k => !k.includes('preflight-pages-v1'))");
        }
    }
}
