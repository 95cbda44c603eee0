package dev.preflight.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.check.ReleaseReport;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReportCardsUnitTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final ReportCards cards = new ReportCards(json);
    private final TeamsPayload payload = new TeamsPayload(json);
    private final Function<String, Recipient> directory = email -> email.startsWith("user3")
            ? new Recipient(email, "User 3", null) // not in the directory: named, not mentioned
            : new Recipient(
                    email,
                    email.startsWith("qc") ? "QC " + email.charAt(2) : "User " + email.charAt(4),
                    email.replace("@example.com", "@corp.example.com"));

    private CardSettings settings(String version, boolean mentions) {
        return new CardSettings(
                version,
                ZoneId.of("Asia/Hong_Kong"),
                24_000,
                mentions,
                "https://preflight.example/",
                UUID.fromString("00000000-0000-0000-0000-000000000042"));
    }

    private JsonNode tree(AdaptiveCard card) {
        return json.readTree(payload.write(card, null, null));
    }

    @Test
    void aSmallReportIsOneCardWithTitleTimesFactsTableMentionsAndButton() {
        ReleaseReport report = Reports.of(20, 5, Set.of("user1@example.com"));

        List<AdaptiveCard> result = cards.cards(report, directory, settings("1.4", true));

        assertThat(result).hasSize(1);
        JsonNode envelope = tree(result.getFirst());
        assertThat(envelope.path("type").asString()).isEqualTo("message");
        JsonNode card = envelope.path("attachments").get(0).path("content");
        assertThat(envelope.path("attachments").get(0).path("contentType").asString())
                .isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(card.path("version").asString()).isEqualTo("1.4");
        assertThat(card.path("body").get(0).path("text").asString()).startsWith("ET - H3-2026.7: Not ready — ");
        assertThat(card.path("body").get(0).path("color").asString()).isEqualTo("Attention");
        assertThat(card.path("body").get(1).path("text").asString())
                .isEqualTo(
                        "Generated 2026-11-23 07:30 UTC (2026-11-23 15:30 Asia/Hong_Kong), packaging release 2026.7");
        assertThat(card.path("body").get(2).path("facts").toString())
                .contains(
                        "{\"title\":\"Missing in packaging\",\"value\":\"2\"}",
                        "{\"title\":\"Unready\",\"value\":\"20\"}");
        assertThat(card.path("actions").get(0).path("url").asString())
                .isEqualTo("https://preflight.example/executions/00000000-0000-0000-0000-000000000042");
        String text = card.toString();
        assertThat(text).contains("[ET-1001](https://jira.example/browse/ET-1001)");
        // absent user 1: the QC substitute is mentioned instead
        assertThat(text).contains("User 1 (absent) → <at>QC 1</at>");
        JsonNode entities = card.path("msteams").path("entities");
        assertThat(entities.toString())
                .contains("\"text\":\"<at>QC 1</at>\"", "\"id\":\"qc1@corp.example.com\"")
                .doesNotContain("user3@corp");
        // every <at> in the text has its entity: never a broken mention
        Set<String> tagged = new HashSet<>();
        Matcher at = Pattern.compile("<at>(.*?)</at>").matcher(text);
        while (at.find()) {
            tagged.add("<at>" + at.group(1) + "</at>");
        }
        Set<String> declared = new HashSet<>();
        entities.forEach(e -> declared.add(e.path("text").asString()));
        assertThat(declared).containsAll(tagged);
        assertThat(text).contains("User 3"); // shown by name without a mention
    }

    @Test
    void jiraTextCannotFormatLinkOrMention() {
        ReleaseReport report = Reports.of(5, 5, Set.of());

        String text = tree(cards.cards(report, email -> new Recipient(email, "x", null), settings("1.4", true))
                        .getFirst())
                .toString();

        assertThat(text).contains("Eve \\\\*bold\\\\* \\\\[x\\\\](http://evil) <\u2060at>Boss<\u2060/at>");
        assertThat(text).doesNotContain("<at>Boss</at>");
    }

    @Test
    void mentionsCanBeSwitchedOff() {
        AdaptiveCard card = cards.cards(Reports.of(20, 5, Set.of()), directory, settings("1.4", false))
                .getFirst();

        assertThat(tree(card).toString()).doesNotContain("<at>").doesNotContain("entities");
    }

    @Test
    void aLargeReportIsSplitUnderTheLimitWithNothingLost() {
        ReleaseReport report = Reports.of(2_000, 12, Set.of());

        for (String version : List.of("1.4", "1.5")) {
            List<AdaptiveCard> parts = cards.cards(report, directory, settings(version, true));

            assertThat(parts).hasSizeGreaterThan(1);
            StringBuilder all = new StringBuilder();
            for (AdaptiveCard part : parts) {
                String body = payload.write(part, "1700000000000", UUID.randomUUID() + "-0");
                assertThat(body.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(24_000);
                all.append(body);
            }
            for (int i = 0; i < 2_000; i++) {
                assertThat(all)
                        .as("ticket ET-%d in %s cards", 1000 + i, version)
                        .contains("[ET-" + (1000 + i) + "]");
            }
            assertThat(tree(parts.getLast()).toString()).contains("Part " + parts.size() + " of " + parts.size());
        }
    }

    /** The table has no column for them: tickets missing in Jira and outdated packages' tickets get sections. */
    @Test
    void everyTicketMissingInJiraAndCarryingAnOutdatedPackageIsNamedUnderTheLimit() {
        ReleaseReport report = Reports.missingAndOutdated(600, 300);

        List<AdaptiveCard> parts = cards.cards(report, directory, settings("1.4", true));

        StringBuilder all = new StringBuilder();
        for (AdaptiveCard part : parts) {
            String body = payload.write(part, "1700000000000", UUID.randomUUID() + "-0");
            assertThat(body.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(24_000);
            all.append(body);
        }
        assertThat(all).contains("Missing in Jira (600)").contains("Outdated packages (1)");
        assertThat(all).contains("SIX-OMS 3.2 (latest 3.3)");
        for (int i = 0; i < 600; i++) {
            // each missing ticket once in its section, the first 300 once more as carriers
            int times = i < 300 ? 2 : 1;
            assertThat(all.toString().split("\\[ET-" + (5000 + i) + "\\]", -1))
                    .as("ET-%d", 5000 + i)
                    .hasSize(times + 1);
        }
    }

    @Test
    void version15UsesARealTable() {
        AdaptiveCard card = cards.cards(Reports.of(20, 5, Set.of()), directory, settings("1.5", true))
                .getFirst();

        assertThat(card.version()).isEqualTo("1.5");
        assertThat(tree(card).toString()).contains("\"type\":\"Table\"", "\"type\":\"TableCell\"");
    }
}
