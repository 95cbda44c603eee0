package dev.preflight.web;

import dev.preflight.check.Category;
import dev.preflight.check.Severity;
import dev.preflight.check.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A stored report (preflight-report/1) as the execution page shows it: the verdict first, who must
 * act, then the findings grouped by severity and category, filtered as asked. Reads the JSON, so
 * reports stored or imported by earlier versions show too.
 */
record ReportView(
        Verdict verdict,
        List<Category> categories,
        List<Person> people,
        List<Category> columns,
        List<SeverityGroup> groups,
        List<Finding> releaseFindings,
        List<String> notes,
        List<Package> outdatedPackages,
        FindingFilter filter,
        int shown,
        Options options) {

    /** A finding as a row: the ticket is absent for a finding about the release as a whole. */
    record Finding(
            @Nullable String ticket,
            @Nullable String url,
            @Nullable String summary,
            Category category,
            Severity severity,
            @Nullable String assignee,
            String detail,
            List<String> recipients) {}

    /** A ticket key with its Jira link, where the report has one. */
    record Ticket(String key, @Nullable String url) {}

    /** One row of "who must act". */
    record Person(
            String id,
            String name,
            boolean absent,
            List<String> recipients,
            @Nullable String note,
            Map<Category, List<Ticket>> tickets) {
        public List<Ticket> tickets(Category category) {
            return tickets.getOrDefault(category, List.of());
        }
    }

    record CategoryGroup(Category category, List<Finding> findings) {}

    record SeverityGroup(Severity severity, int count, List<CategoryGroup> categories) {
        public String label() {
            return switch (severity) {
                case BLOCKING -> "Blocking";
                case SEMI_BLOCKING -> "Semi-blocking";
                case MINOR -> "Minor";
            };
        }
    }

    record Package(String name, String version, String latest, List<Ticket> tickets) {}

    /** What the filters offer: only values the report has. */
    record Options(List<Category> categories, List<Severity> severities, Map<String, String> assignees) {}

    /** The filters as asked; blank means any. */
    record FindingFilter(
            @Nullable String category,
            @Nullable String severity,
            @Nullable String assignee,
            @Nullable String q) {
        static FindingFilter of(
                @Nullable String category, @Nullable String severity, @Nullable String assignee, @Nullable String q) {
            return new FindingFilter(blank(category), blank(severity), blank(assignee), blank(q));
        }

        public boolean any() {
            return category != null || severity != null || assignee != null || q != null;
        }

        boolean accepts(Finding f, Map<String, String> names) {
            if (category != null && !category.equals(f.category().key())) {
                return false;
            }
            if (severity != null && !severity.equals(f.severity().key())) {
                return false;
            }
            if (assignee != null && !assignee.equals(f.assignee() == null ? "" : f.assignee())) {
                return false;
            }
            if (q == null) {
                return true;
            }
            String needle = q.toLowerCase(Locale.ROOT);
            return contains(f.ticket(), needle)
                    || contains(f.summary(), needle)
                    || contains(f.detail(), needle)
                    || contains(f.category().label(), needle)
                    || contains(f.assignee(), needle)
                    || contains(f.assignee() == null ? null : names.get(f.assignee()), needle);
        }

        private static boolean contains(@Nullable String text, String needle) {
            return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
        }

        private static @Nullable String blank(@Nullable String text) {
            // a filter is a short word: anything longer is cut rather than refused
            return text == null || text.isBlank()
                    ? null
                    : text.strip().substring(0, Math.min(100, text.strip().length()));
        }
    }

    static ReportView of(JsonNode report, FindingFilter filter) {
        Map<String, String> labels = ReportCategories.labels(report);
        List<Category> categories = ReportCategories.of(report.path("summary"), labels);
        Map<String, Category> byKey = new LinkedHashMap<>();
        categories.forEach(c -> byKey.put(c.key(), c));

        Map<String, String> urls = new java.util.HashMap<>();
        List<Finding> all = new ArrayList<>();
        for (JsonNode node : report.path("findings")) {
            Category category = byKey.get(node.path("category").asString(""));
            Severity severity = severity(node.path("severity").asString(""));
            if (category == null || severity == null) {
                continue; // an imported report with an unknown category or severity: left out rather than failing
            }
            List<String> notify = new ArrayList<>();
            node.path("notify").forEach(n -> notify.add(n.asString("")));
            Finding finding = new Finding(
                    text(node, "ticket"),
                    text(node, "url"),
                    text(node, "summary"),
                    category,
                    severity,
                    text(node, "assignee"),
                    node.path("detail").asString(""),
                    notify);
            all.add(finding);
            if (finding.ticket() != null && finding.url() != null) {
                urls.putIfAbsent(finding.ticket(), finding.url());
            }
        }
        Verdict verdict = verdict(report, all);

        List<Person> people = new ArrayList<>();
        TreeSet<Category> used = new TreeSet<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (JsonNode row : report.path("byAssignee")) {
            String id = row.path("assignee").asString("");
            String name = row.path("displayName").asString(id);
            names.put(id, name);
            Map<Category, List<Ticket>> tickets = new LinkedHashMap<>();
            for (var entry : row.path("tickets").properties()) {
                Category category = byKey.get(entry.getKey());
                if (category == null) {
                    continue;
                }
                List<Ticket> keys = new ArrayList<>();
                entry.getValue().forEach(k -> keys.add(new Ticket(k.asString(""), urls.get(k.asString("")))));
                if (!keys.isEmpty()) {
                    tickets.put(category, keys);
                    used.add(category);
                }
            }
            List<String> notify = new ArrayList<>();
            row.path("notify").forEach(n -> notify.add(n.asString("")));
            people.add(new Person(id, name, row.path("absent").asBoolean(false), notify, text(row, "note"), tickets));
        }

        List<Finding> shown = all.stream().filter(f -> filter.accepts(f, names)).toList();
        List<SeverityGroup> groups = new ArrayList<>();
        for (Severity severity : Severity.values()) {
            List<CategoryGroup> inSeverity = new ArrayList<>();
            int count = 0;
            for (Category category : categories) {
                List<Finding> findings = shown.stream()
                        .filter(f -> f.ticket() != null
                                && f.severity() == severity
                                && f.category().equals(category))
                        .toList();
                if (!findings.isEmpty()) {
                    inSeverity.add(new CategoryGroup(category, findings));
                    count += findings.size();
                }
            }
            if (count > 0) {
                groups.add(new SeverityGroup(severity, count, inSeverity));
            }
        }
        List<Finding> releaseFindings = shown.stream()
                .filter(f -> f.ticket() == null)
                .sorted(java.util.Comparator.comparing(Finding::severity))
                .toList();

        List<Package> packages = new ArrayList<>();
        for (JsonNode pkg : report.path("outdatedPackages")) {
            List<Ticket> tickets = new ArrayList<>();
            pkg.path("tickets").forEach(k -> tickets.add(new Ticket(k.asString(""), urls.get(k.asString("")))));
            packages.add(new Package(
                    pkg.path("name").asString(""),
                    pkg.path("version").asString(""),
                    pkg.path("latest").asString(""),
                    tickets));
        }
        List<String> notes = new ArrayList<>();
        report.path("notes").forEach(n -> notes.add(n.asString("")));

        Options options = new Options(
                categories.stream()
                        .filter(c -> all.stream().anyMatch(f -> f.category().equals(c)))
                        .toList(),
                java.util.Arrays.stream(Severity.values())
                        .filter(s -> verdict.count(s) > 0)
                        .toList(),
                assignees(all, names));
        return new ReportView(
                verdict,
                categories,
                people,
                List.copyOf(used),
                groups,
                releaseFindings,
                notes,
                packages,
                filter,
                shown.size(),
                options);
    }

    /** Who has findings, by id, with their names; "unassigned" for findings without an assignee. */
    private static Map<String, String> assignees(List<Finding> findings, Map<String, String> names) {
        Map<String, String> assignees = new java.util.TreeMap<>();
        for (Finding f : findings) {
            if (f.ticket() != null) {
                String id = f.assignee() == null ? "" : f.assignee();
                assignees.putIfAbsent(id, id.isEmpty() ? "Unassigned" : names.getOrDefault(id, id));
            }
        }
        return assignees;
    }

    /** The stored verdict; reports stored before there was one get it from their findings. */
    private static Verdict verdict(JsonNode report, List<Finding> findings) {
        JsonNode stored = report.path("verdict");
        if (stored.isObject()) {
            return new Verdict(
                    stored.path("blocking").asInt(0),
                    stored.path("semiBlocking").asInt(0),
                    stored.path("minor").asInt(0));
        }
        return Verdict.counting(findings.stream().map(Finding::severity).toList());
    }

    private static @Nullable Severity severity(String key) {
        try {
            return Severity.fromKey(key);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.stringValue() : null;
    }

    /** A finding's assignee by name, as "who must act" names them. */
    public String assigneeName(@Nullable String id) {
        return id == null ? "Unassigned" : options.assignees().getOrDefault(id, id);
    }

    /** Findings in the report, before filters: the verdict's total. */
    public int total() {
        return verdict.total();
    }

    /** The heading of a column in "who must act". */
    public String heading(Category category) {
        return dev.preflight.report.AssigneeTable.heading(category);
    }
}
