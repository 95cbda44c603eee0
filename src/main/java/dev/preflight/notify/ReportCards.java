package dev.preflight.notify;

import dev.preflight.check.AssigneeRow;
import dev.preflight.check.Category;
import dev.preflight.check.OutdatedPackage;
import dev.preflight.check.ReleaseReport;
import dev.preflight.notify.AdaptiveCard.Action;
import dev.preflight.notify.AdaptiveCard.Column;
import dev.preflight.notify.AdaptiveCard.ColumnSet;
import dev.preflight.notify.AdaptiveCard.Element;
import dev.preflight.notify.AdaptiveCard.Fact;
import dev.preflight.notify.AdaptiveCard.FactSet;
import dev.preflight.notify.AdaptiveCard.Mention;
import dev.preflight.notify.AdaptiveCard.MsTeams;
import dev.preflight.notify.AdaptiveCard.TextBlock;
import dev.preflight.report.AssigneeTable;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * The release report as Teams cards: the summary first, then the per-assignee table in as many
 * cards as the size limit needs. Nothing is dropped; rows too big for one card are split.
 */
public final class ReportCards {

    private static final List<Category> COLUMNS = AssigneeTable.COLUMNS;
    private static final List<String> HEADERS = AssigneeTable.headings();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final int MAX_LISTED_OUTDATED = 10;

    private final JsonMapper json;
    private final TeamsPayload payload;

    public ReportCards(JsonMapper json) {
        this.json = json;
        this.payload = new TeamsPayload(json);
    }

    public List<AdaptiveCard> cards(
            ReleaseReport report, Function<String, Recipient> recipients, CardSettings settings) {
        String title = CardText.escape(report.project() + " - " + report.release());
        List<Element> summary = new ArrayList<>();
        summary.add(TextBlock.title(title));
        ZonedDateTime utc = report.generatedAt().atZone(java.time.ZoneOffset.UTC);
        summary.add(TextBlock.subtle(
                "Generated " + TIME.format(utc) + " UTC (" + TIME.format(utc.withZoneSameInstant(settings.zone())) + " "
                        + settings.zone().getId() + "), packaging release "
                        + CardText.escape(report.packagingRelease())));
        summary.add(FactSet.of(facts(report)));
        for (String note : report.notes()) {
            summary.add(TextBlock.subtle("Note: " + CardText.escape(note)));
        }
        List<Action> actions = settings.publicUrl() == null || settings.executionId() == null
                ? null
                : List.of(Action.openUrl(
                        "Open in Preflight",
                        settings.publicUrl().replaceAll("/+$", "") + "/executions/" + settings.executionId()));

        Map<String, String> urls = new java.util.HashMap<>();
        report.findings().forEach(f -> {
            if (f.url() != null) {
                urls.putIfAbsent(f.ticket(), f.url());
            }
        });
        List<Row> rows = new ArrayList<>();
        for (AssigneeRow row : report.byAssignee()) {
            if (COLUMNS.stream().anyMatch(c -> !row.tickets(c).isEmpty())) {
                rows.add(new Row(row, recipients, urls));
            }
        }

        List<AdaptiveCard> cards = new ArrayList<>();
        List<Element> body = new ArrayList<>(summary);
        Map<String, Mention> mentions = new LinkedHashMap<>();
        boolean tableStarted = false;
        for (Row row : rows) {
            for (Row part :
                    row.splitToFit(r -> fits(List.of(r.element(settings)), r.mentions(settings), settings, 1_500))) {
                List<Element> candidate = new ArrayList<>(body);
                if (!tableStarted) {
                    candidate.add(header(settings));
                }
                candidate.add(part.element(settings));
                Map<String, Mention> candidateMentions = new LinkedHashMap<>(mentions);
                part.mentions(settings)
                        .forEach(
                                m -> candidateMentions.putIfAbsent(m.mentioned().id(), m));
                if (fits(candidate, List.copyOf(candidateMentions.values()), settings, 0)) {
                    body = candidate;
                    mentions = candidateMentions;
                    tableStarted = true;
                    continue;
                }
                cards.add(card(body, mentions, actions, settings));
                body = new ArrayList<>(
                        List.of(TextBlock.bold(title + " (continued)"), header(settings), part.element(settings)));
                mentions = new LinkedHashMap<>();
                for (Mention m : part.mentions(settings)) {
                    mentions.putIfAbsent(m.mentioned().id(), m);
                }
            }
        }
        if (rows.isEmpty()) {
            body.add(TextBlock.of("Nothing to follow up: every ticket is consistent and ready."));
        }
        cards.add(card(body, mentions, actions, settings));
        if (cards.size() > 1) {
            List<AdaptiveCard> numbered = new ArrayList<>();
            for (int i = 0; i < cards.size(); i++) {
                AdaptiveCard c = cards.get(i);
                List<Element> numberedBody = new ArrayList<>(c.body());
                numberedBody.add(TextBlock.subtle("Part " + (i + 1) + " of " + cards.size()));
                numbered.add(AdaptiveCard.of(c.version(), numberedBody, c.actions(), c.msteams()));
            }
            return numbered;
        }
        return cards;
    }

    private AdaptiveCard card(
            List<Element> body, Map<String, Mention> mentions, List<Action> actions, CardSettings settings) {
        return AdaptiveCard.of(
                settings.version(),
                List.copyOf(body),
                actions,
                new MsTeams("Full", mentions.isEmpty() ? null : List.copyOf(mentions.values())));
    }

    /** Whether a card with this body fits, keeping {@code reserve} bytes for what is added later. */
    private boolean fits(List<Element> body, List<Mention> mentions, CardSettings settings, int reserve) {
        AdaptiveCard card = AdaptiveCard.of(
                settings.version(), body, null, new MsTeams("Full", mentions.isEmpty() ? null : mentions));
        return payload.size(card) + reserve + 400 <= settings.maxBytes();
    }

    private static List<Fact> facts(ReleaseReport report) {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Missing in packaging", String.valueOf(report.count(Category.MISSING_IN_PACKAGING))));
        facts.add(new Fact("Missing in Jira", String.valueOf(report.count(Category.MISSING_IN_JIRA))));
        facts.add(new Fact("Invalid fix version", String.valueOf(report.count(Category.INVALID_FIX_VERSION))));
        facts.add(new Fact("Disabled CRs", String.valueOf(report.count(Category.DISABLED_CHANGE_REQUEST))));
        List<OutdatedPackage> outdated = report.outdatedPackages();
        StringBuilder packages = new StringBuilder(String.valueOf(report.count(Category.OUTDATED_PACKAGE)));
        if (!outdated.isEmpty()) {
            packages.append(": ");
            List<String> listed = outdated.stream()
                    .limit(MAX_LISTED_OUTDATED)
                    .map(p -> CardText.escape(p.name() + " " + p.version()) + " (latest: " + CardText.escape(p.latest())
                            + ")")
                    .toList();
            packages.append(String.join(", ", listed));
            if (outdated.size() > MAX_LISTED_OUTDATED) {
                packages.append(" and ")
                        .append(outdated.size() - MAX_LISTED_OUTDATED)
                        .append(" more");
            }
        }
        facts.add(new Fact("Outdated packages", packages.toString()));
        facts.add(new Fact("Invalid packages", String.valueOf(report.count(Category.INVALID_PACKAGE))));
        facts.add(new Fact("Unready", String.valueOf(report.count(Category.UNREADY))));
        return facts;
    }

    private static Element header(CardSettings settings) {
        if (settings.version().equals("1.5")) {
            return AdaptiveCard.Table.of(
                    widths(),
                    List.of(AdaptiveCard.TableRow.of(HEADERS.stream()
                            .map(h -> AdaptiveCard.TableCell.of(TextBlock.bold(h)))
                            .toList())));
        }
        return ColumnSet.of(
                HEADERS.stream()
                        .map(h -> Column.of("stretch", (Element) TextBlock.bold(h)))
                        .toList(),
                true);
    }

    private static List<AdaptiveCard.TableColumn> widths() {
        return List.of(
                new AdaptiveCard.TableColumn(2),
                new AdaptiveCard.TableColumn(1),
                new AdaptiveCard.TableColumn(1),
                new AdaptiveCard.TableColumn(1),
                new AdaptiveCard.TableColumn(1),
                new AdaptiveCard.TableColumn(1));
    }

    /** One assignee row (or a part of one), with its mentions. */
    private static final class Row {
        private final AssigneeRow row;
        private final Function<String, Recipient> recipients;
        private final Map<String, String> urls;
        private final Map<Category, List<String>> tickets;
        private final boolean continued;

        Row(AssigneeRow row, Function<String, Recipient> recipients, Map<String, String> urls) {
            this(row, recipients, urls, row.tickets(), false);
        }

        private Row(
                AssigneeRow row,
                Function<String, Recipient> recipients,
                Map<String, String> urls,
                Map<Category, List<String>> tickets,
                boolean continued) {
            this.row = row;
            this.recipients = recipients;
            this.urls = urls;
            this.tickets = tickets;
            this.continued = continued;
        }

        List<Mention> mentions(CardSettings settings) {
            if (!settings.mentions()) {
                return List.of();
            }
            return row.recipients().stream()
                    .map(recipients)
                    .filter(r -> r.upn() != null)
                    .map(r -> Mention.of(CardText.escape(r.name()), r.upn()))
                    .toList();
        }

        String userCell(CardSettings settings) {
            String name = CardText.escape(row.displayName() != null ? row.displayName() : row.assignee());
            StringBuilder cell = new StringBuilder(name);
            if (continued) {
                cell.append(" (continued)");
            }
            if (row.absent()) {
                cell.append(" (absent)");
            }
            List<String> notify = row.recipients().stream()
                    .map(recipients)
                    .map(r -> settings.mentions() && r.upn() != null
                            ? "<at>" + CardText.escape(r.name()) + "</at>"
                            : CardText.escape(r.name()))
                    .toList();
            boolean onlyAssignee =
                    row.recipients().size() == 1 && row.recipients().getFirst().equals(row.assignee());
            if (notify.isEmpty()) {
                cell.append(" - nobody available to notify");
            } else if (onlyAssignee) {
                Recipient assignee = recipients.apply(row.assignee());
                String shown = settings.mentions() && assignee.upn() != null ? notify.getFirst() : name;
                cell = new StringBuilder(shown + (continued ? " (continued)" : ""));
            } else {
                cell.append(" → ").append(String.join(", ", notify));
            }
            return cell.toString();
        }

        Element element(CardSettings settings) {
            List<String> cells = new ArrayList<>();
            cells.add(userCell(settings));
            for (Category category : COLUMNS) {
                cells.add(String.join(
                        ", ",
                        tickets.getOrDefault(category, List.of()).stream()
                                .map(key -> urls.containsKey(key)
                                        ? "[" + CardText.escape(key) + "](" + urls.get(key) + ")"
                                        : CardText.escape(key))
                                .toList()));
            }
            if (settings.version().equals("1.5")) {
                return AdaptiveCard.Table.of(
                        widths(),
                        List.of(AdaptiveCard.TableRow.of(cells.stream()
                                .map(c -> AdaptiveCard.TableCell.of(TextBlock.of(c)))
                                .toList())));
            }
            return ColumnSet.of(
                    cells.stream()
                            .map(c -> Column.of("stretch", (Element) TextBlock.of(c)))
                            .toList(),
                    true);
        }

        /** This row, or its tickets split over several rows until each part fits. */
        List<Row> splitToFit(java.util.function.Predicate<Row> fits) {
            if (fits.test(this)
                    || tickets.values().stream().mapToInt(List::size).sum() <= 1) {
                return List.of(this);
            }
            Map<Category, List<String>> first = new java.util.EnumMap<>(Category.class);
            Map<Category, List<String>> second = new java.util.EnumMap<>(Category.class);
            tickets.forEach((category, keys) -> {
                first.put(category, keys.subList(0, keys.size() / 2));
                second.put(category, keys.subList(keys.size() / 2, keys.size()));
            });
            List<Row> parts = new ArrayList<>(new Row(row, recipients, urls, first, continued).splitToFit(fits));
            parts.addAll(new Row(row, recipients, urls, second, true).splitToFit(fits));
            return parts;
        }
    }
}
