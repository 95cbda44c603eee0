package dev.preflight.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import dev.preflight.browser.Browsers;
import dev.preflight.browser.Chromium;
import dev.preflight.browser.NpmPackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cards as Microsoft's own renderer (npm adaptivecards 3.x) parses and draws them, in
 * headless Chromium. Screenshots go to target/cards/ for people to look at.
 */
class AdaptiveCardRendererIntegrationTest {

    private static final String RENDER = """
            (card) => {
              const context = new AdaptiveCards.SerializationContext();
              const adaptiveCard = new AdaptiveCards.AdaptiveCard();
              adaptiveCard.parse(card, context);
              const events = [];
              for (let i = 0; i < context.eventCount; i++) {
                const e = context.getEventAt(i);
                events.push(e.phase + ' ' + e.event + ': ' + e.message);
              }
              const failures = adaptiveCard.validateProperties().validationEvents
                  .map(e => e.event + ': ' + e.message);
              const host = document.createElement('div');
              host.className = 'card';
              host.appendChild(adaptiveCard.render());
              document.body.appendChild(host);
              return { events: events, failures: failures };
            }""";

    private static Chromium chromium;
    private static Browser browser;
    private static Path script;
    private static Path markdown;

    private final JsonMapper json = JsonMapper.builder().build();
    private int links;

    @BeforeAll
    static void start() {
        Browsers.requireChromium();
        // the renderer formats markdown (as Teams does) when markdown-it is on the page
        markdown = NpmPackages.file("markdown-it@14.1.0", "markdown-it", "dist/markdown-it.min.js");
        script = NpmPackages.file("adaptivecards@3.0.6", "adaptivecards", "dist/adaptivecards.min.js");
        chromium = Chromium.launch();
        browser = chromium.browser();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** Renders each payload's card; returns the page's text. */
    @SuppressWarnings("unchecked")
    private String render(List<String> payloads, String screenshot) throws Exception {
        try (Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1000, 800))) {
            page.setContent(
                    "<!DOCTYPE html><html><body style='font-family:sans-serif;background:#f5f5f5'></body></html>");
            page.addScriptTag(new Page.AddScriptTagOptions().setPath(markdown));
            page.addScriptTag(new Page.AddScriptTagOptions().setPath(script));
            for (String payload : payloads) {
                JsonNode card =
                        json.readTree(payload).path("attachments").get(0).path("content");
                Map<String, List<String>> result =
                        (Map<String, List<String>>) page.evaluate(RENDER, json.readValue(card.toString(), Map.class));
                assertThat(result.get("events")).as("parse events").isEmpty();
                assertThat(result.get("failures")).as("validation failures").isEmpty();
            }
            Files.createDirectories(Path.of("target/cards"));
            links = page.locator("a[href*='/browse/']").count();
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(Path.of("target/cards", screenshot))
                    .setFullPage(true));
            return page.textContent("body");
        }
    }

    @Test
    void theDemoCardRendersWithTitleFiguresAndMentionedNames() throws Exception {
        var run = dev.preflight.cli.CliRunner.run(
                "check",
                "--project",
                "ET",
                "--sandbox",
                "src/main/resources/scenarios/demo.json",
                "--skip",
                "resync",
                "--notify",
                "--dry-run",
                "--quiet");
        List<String> payloads = run.lines().filter(line -> line.startsWith("{")).toList();
        assertThat(payloads).hasSize(1);

        String text = render(payloads, "demo.png");

        assertThat(text)
                .contains(
                        "ET - H3-2026.7",
                        "Missing in packaging",
                        "Missing in Jira",
                        "Invalid fix version",
                        "Disabled CRs",
                        "Outdated packages",
                        "Invalid packages",
                        "Unready",
                        "SIX-QTI-TRX 0.12.0 (latest: 0.13.0)",
                        "Bob Dupont",
                        "Carol Nguyen",
                        "Alice Martin");
        for (String figure : List.of("5", "2", "4", "17")) {
            assertThat(text).contains(figure);
        }
        // the sections for what the table has no column for name every ticket too
        assertThat(text).contains("Missing in Jira (2)", "ET-170", "ET-171", "Outdated packages (2)", "ET-142");
        assertThat(links)
                .as("ticket keys are links to Jira: table 5 + 2 + 2 + 4 + 17, missing in Jira 2, outdated 3")
                .isEqualTo(35);
    }

    @Test
    void a2000TicketReportRendersInEveryPart() throws Exception {
        ReportCards cards = new ReportCards(json);
        TeamsPayload payload = new TeamsPayload(json);
        List<String> payloads = cards
                .cards(
                        Reports.of(2_000, 12, Set.of("user2@example.com")),
                        email -> new Recipient(
                                email,
                                "Person " + email.substring(0, email.indexOf('@')),
                                email.replace("example.com", "corp.example.com")),
                        new CardSettings("1.4", ZoneId.of("Europe/Paris"), 24_000, true, null, null))
                .stream()
                .map(card -> payload.write(card, null, null))
                .toList();

        String text = render(payloads, "large.png");

        assertThat(payloads).hasSizeGreaterThan(5);
        assertThat(text)
                .contains(
                        "ET - H3-2026.7",
                        "Person qc2",
                        "ET-2999",
                        "Part " + payloads.size() + " of " + payloads.size());
    }
}
