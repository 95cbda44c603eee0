package dev.preflight.notify;

import dev.preflight.check.AssigneeRow;
import dev.preflight.check.Category;
import dev.preflight.check.Finding;
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
        // the verdict is what people read first: it is the title line, the release beside it
        summary.add(TextBlock.verdict(
                title + ": " + report.verdict().headline(), report.verdict().ready()));
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
                : List.of(
                        Action.openUrl(
                                "Open in Preflight",
                                settings.publicUrl().replaceAll("/+$", "") + "/executions/" + settings.executionId()),
                        // Workflows cards cannot post back: taking a problem into account happens on its page
                        Action.openUrl(
                                "Take into account",
                                settings.publicUrl().replaceAll("/+$", "") + "/releases/"
                                        + java.net.URLEncoder.encode(
                                                report.project(), java.nio.charset.StandardCharsets.UTF_8)
                                        + "/"
                                        + java.net.URLEncoder.encode(
                                                        report.release(), java.nio.charset.StandardCharsets.UTF_8)
                                                .replace("+", "%20")
                                        + "#problems-heading"));

        Map<String, String> urls = new java.util.HashMap<>();
        report.findings().forEach(f -> {
            if (f.url() != null && f.ticket() != null) {
                urls.putIfAbsent(f.ticket(), f.url());
            }
        });
        List<Category> columns = AssigneeTable.columns(report);
        List<Row> rows = new ArrayList<>();
        for (AssigneeRow row : report.byAssignee()) {
            if (columns.stream().anyMatch(c -> !row.tickets(c).isEmpty())) {
                rows.add(new Row(row, columns, recipients, urls));
            }
        }

        // every piece under its section's header: the assignee table, then the findings it has no
        // column for (tickets missing in Jira, each outdated package's tickets)
        List<Piece> pieces = new ArrayList<>();
        Element tableHeader = header(settings, columns);
        for (Row row : rows) {
            for (Row part :
                    row.splitToFit(r -> fits(List.of(r.element(settings)), r.mentions(settings), settings, 1_500))) {
                pieces.add(new Piece(tableHeader, part.element(settings), part.mentions(settings)));
            }
        }
        pieces.addAll(missingInJira(report, urls));
        pieces.addAll(outdated(report, urls));
        pieces.addAll(releaseLevel(report));

        List<AdaptiveCard> cards = new ArrayList<>();
        List<Element> body = new ArrayList<>(summary);
        Map<String, Mention> mentions = new LinkedHashMap<>();
        Element section = null;
        for (Piece piece : pieces) {
            List<Element> candidate = new ArrayList<>(body);
            if (piece.header() != section) {
                candidate.add(piece.header());
            }
            candidate.add(piece.element());
            Map<String, Mention> candidateMentions = new LinkedHashMap<>(mentions);
            piece.mentions()
                    .forEach(m -> candidateMentions.putIfAbsent(m.mentioned().id(), m));
            if (fits(candidate, List.copyOf(candidateMentions.values()), settings, 0)) {
                body = candidate;
                mentions = candidateMentions;
                section = piece.header();
                continue;
            }
            cards.add(card(body, mentions, actions, settings));
            body = new ArrayList<>(List.of(TextBlock.bold(title + " (continued)"), piece.header(), piece.element()));
            section = piece.header();
            mentions = new LinkedHashMap<>();
            for (Mention m : piece.mentions()) {
                mentions.putIfAbsent(m.mentioned().id(), m);
            }
        }
        if (pieces.isEmpty()) {
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

    /** One element of a card under its section's header, with the people it @mentions. */
    private record Piece(Element header, Element element, List<Mention> mentions) {}

    /** Tickets per line in the sections below the table: a line is the unit a card split keeps whole. */
    private static final int TICKETS_PER_LINE = 25;

    /** The tickets in the packaging release that this Jira release lacks, each with where Jira has it. */
    private static List<Piece> missingInJira(ReleaseReport report, Map<String, String> urls) {
        List<Finding> missing = report.findings(Category.MISSING_IN_JIRA);
        if (missing.isEmpty()) {
            return List.of();
        }
        Element header = TextBlock.bold("Missing in Jira (" + missing.size() + ")");
        return missing.stream()
                .map(f -> new Piece(
                        header, TextBlock.of(link(f.ticket(), urls) + ": " + CardText.escape(f.detail())), List.of()))
                .toList();
    }

    /** Custom checks' findings about the release as a whole (a ticket's are in the table). */
    private static List<Piece> releaseLevel(ReleaseReport report) {
        List<Finding> found = report.findings().stream()
                .filter(f -> f.category().isCustom() && f.ticket() == null)
                .toList();
        if (found.isEmpty()) {
            return List.of();
        }
        Element header = TextBlock.bold("Release checks (" + found.size() + ")");
        return found.stream()
                .map(f -> new Piece(
                        header,
                        TextBlock.of("**" + CardText.escape(f.category().label()) + "** ("
                                + f.severity().key() + "): " + CardText.escape(f.detail())
                                + (f.recipients().isEmpty()
                                        ? ""
                                        : " → " + CardText.escape(String.join(", ", f.recipients())))),
                        List.of()))
                .toList();
    }

    /** Each outdated package with the tickets that carry it, long lists over several lines. */
    private static List<Piece> outdated(ReleaseReport report, Map<String, String> urls) {
        if (report.outdatedPackages().isEmpty()) {
            return List.of();
        }
        Element header =
                TextBlock.bold("Outdated packages (" + report.outdatedPackages().size() + ")");
        List<Piece> pieces = new ArrayList<>();
        for (OutdatedPackage pkg : report.outdatedPackages()) {
            String name = CardText.escape(pkg.name() + " " + pkg.version()) + " (latest "
                    + CardText.escape(pkg.latest()) + ")";
            if (pkg.tickets().isEmpty()) {
                pieces.add(new Piece(header, TextBlock.of(name + ": no ticket carries it"), List.of()));
            }
            for (int i = 0; i < pkg.tickets().size(); i += TICKETS_PER_LINE) {
                List<String> tickets =
                        pkg.tickets().subList(i, Math.min(pkg.tickets().size(), i + TICKETS_PER_LINE));
                pieces.add(new Piece(
                        header,
                        TextBlock.of((i == 0 ? name : name + ", continued") + ": "
                                + String.join(
                                        ", ",
                                        tickets.stream().map(t -> link(t, urls)).toList())),
                        List.of()));
            }
        }
        return pieces;
    }

    private static String link(String ticket, Map<String, String> urls) {
        String url = urls.get(ticket);
        return url == null ? CardText.escape(ticket) : "[" + CardText.escape(ticket) + "](" + url + ")";
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

    private static Element header(CardSettings settings, List<Category> columns) {
        // custom checks' labels are the teams' own text: no markdown link or mention from them
        List<String> headers =
                AssigneeTable.headings(columns).stream().map(CardText::escape).toList();
        if (settings.version().equals("1.5")) {
            return AdaptiveCard.Table.of(
                    widths(columns),
                    List.of(AdaptiveCard.TableRow.of(headers.stream()
                            .map(h -> AdaptiveCard.TableCell.of(TextBlock.bold(h)))
                            .toList())));
        }
        return ColumnSet.of(
                headers.stream()
                        .map(h -> Column.of("stretch", (Element) TextBlock.bold(h)))
                        .toList(),
                true);
    }

    /** The user column twice as wide as each category's. */
    private static List<AdaptiveCard.TableColumn> widths(List<Category> columns) {
        List<AdaptiveCard.TableColumn> widths = new ArrayList<>(List.of(new AdaptiveCard.TableColumn(2)));
        columns.forEach(column -> widths.add(new AdaptiveCard.TableColumn(1)));
        return List.copyOf(widths);
    }

    /** One assignee row (or a part of one), with its mentions. */
    private static final class Row {
        private final AssigneeRow row;
        private final Function<String, Recipient> recipients;
        private final List<Category> columns;
        private final Map<String, String> urls;
        private final Map<Category, List<String>> tickets;
        private final boolean continued;

        Row(AssigneeRow row, List<Category> columns, Function<String, Recipient> recipients, Map<String, String> urls) {
            this(row, columns, recipients, urls, row.tickets(), false);
        }

        private Row(
                AssigneeRow row,
                List<Category> columns,
                Function<String, Recipient> recipients,
                Map<String, String> urls,
                Map<Category, List<String>> tickets,
                boolean continued) {
            this.row = row;
            this.columns = columns;
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
            for (Category category : columns) {
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
                        widths(columns),
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
            Map<Category, List<String>> first = new java.util.TreeMap<>();
            Map<Category, List<String>> second = new java.util.TreeMap<>();
            tickets.forEach((category, keys) -> {
                first.put(category, keys.subList(0, keys.size() / 2));
                second.put(category, keys.subList(keys.size() / 2, keys.size()));
            });
            List<Row> parts =
                    new ArrayList<>(new Row(row, columns, recipients, urls, first, continued).splitToFit(fits));
            parts.addAll(new Row(row, columns, recipients, urls, second, true).splitToFit(fits));
            return parts;
        }
    }
}
