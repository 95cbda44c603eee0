package dev.preflight.check;

import dev.preflight.check.PackagingRelease.ChangeRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Runs the seven rules over a {@link ReleaseSnapshot} and builds the {@link ReleaseReport}. */
public final class ReleaseCheck {

    /** The note of a report whose outdated-package probe did not run: its outdated findings say nothing. */
    public static final String OUTDATED_SKIPPED = "outdated-package probe skipped";

    private final CheckPolicy policy;

    public ReleaseCheck(CheckPolicy policy) {
        this.policy = policy;
    }

    public ReleaseReport run(ReleaseSnapshot snapshot) {
        return run(snapshot, CustomResults.none());
    }

    /** The seven rules' findings, then the custom checks', in one report. */
    public ReleaseReport run(ReleaseSnapshot snapshot, CustomResults custom) {
        Map<String, JiraTicket> inJira = byKey(snapshot.jiraTickets());
        Map<String, JiraTicket> elsewhere = byKey(snapshot.jiraTicketsElsewhere());
        Map<String, PackagingRelease.Ticket> inPackaging = new LinkedHashMap<>();
        snapshot.packaging().tickets().forEach(ticket -> inPackaging.putIfAbsent(ticket.key(), ticket));
        Map<String, ChangeRequest> changeRequests = snapshot.packaging().changeRequestsById();

        // Findings are collected per ticket and category so that one ticket counts once per category.
        Map<String, Map<Category, List<String>>> details = new TreeMap<>(ReleaseCheck::compareKeys);
        List<String> notes = new ArrayList<>(snapshot.notes());

        for (JiraTicket ticket : inJira.values()) {
            PackagingRelease.Ticket packaged = inPackaging.get(ticket.key());
            if (packaged == null) {
                add(
                        details,
                        ticket.key(),
                        Category.MISSING_IN_PACKAGING,
                        "not in packaging release " + snapshot.packagingRelease());
            } else {
                if (!packaged.fixVersion().equals(snapshot.packagingRelease())) {
                    add(
                            details,
                            ticket.key(),
                            Category.INVALID_FIX_VERSION,
                            "packaging server records fix version " + packaged.fixVersion() + ", expected "
                                    + snapshot.packagingRelease());
                }
                List<String> unreleased = ticket.unreleasedFixVersions();
                if (unreleased.size() > 1) {
                    add(
                            details,
                            ticket.key(),
                            Category.INVALID_FIX_VERSION,
                            "several unreleased fix versions in Jira: " + String.join(", ", unreleased));
                }
            }
            new DeclaredPackages(ticket.declaredPackages(), snapshot.knownPackages())
                    .problems()
                    .forEach(problem -> add(details, ticket.key(), Category.INVALID_PACKAGE, problem));
            if (ticket.statusCategory() != StatusCategory.DONE) {
                add(
                        details,
                        ticket.key(),
                        Category.UNREADY,
                        "status " + ticket.status() + " ("
                                + ticket.statusCategory().key() + ")");
            } else if (Boolean.FALSE.equals(ticket.qcDone())) {
                add(details, ticket.key(), Category.UNREADY, "QC not done");
            }
        }
        for (PackagingRelease.Ticket packaged : inPackaging.values()) {
            if (!inJira.containsKey(packaged.key())) {
                JiraTicket known = elsewhere.get(packaged.key());
                String where = known == null
                        ? "unknown to Jira"
                        : known.fixVersions().isEmpty()
                                ? "in Jira without a fix version"
                                : "in Jira with fix version "
                                        + known.fixVersions().stream()
                                                .map(JiraTicket.FixVersion::name)
                                                .collect(Collectors.joining(", "));
                add(
                        details,
                        packaged.key(),
                        Category.MISSING_IN_JIRA,
                        "in packaging release " + snapshot.packagingRelease() + " but not in Jira release "
                                + snapshot.release() + " (" + where + ")");
            }
            for (String id : packaged.changeRequests()) {
                ChangeRequest changeRequest = changeRequests.get(id);
                if (changeRequest != null && !changeRequest.enabled()) {
                    add(
                            details,
                            packaged.key(),
                            Category.DISABLED_CHANGE_REQUEST,
                            "change request " + id + " is disabled");
                }
            }
        }

        List<OutdatedPackage> outdated = snapshot.outdatedWarnings()
                .map(warnings -> outdatedPackages(warnings, snapshot.packaging()))
                .orElseGet(() -> {
                    notes.add(OUTDATED_SKIPPED);
                    return List.of();
                });
        for (OutdatedPackage pkg : outdated) {
            for (String ticket : pkg.tickets()) {
                add(
                        details,
                        ticket,
                        Category.OUTDATED_PACKAGE,
                        pkg.name() + " " + pkg.version() + " is outdated (latest " + pkg.latest() + ")");
            }
        }

        Map<String, JiraTicket> known = new LinkedHashMap<>(elsewhere);
        known.putAll(inJira);
        List<Finding> findings = new ArrayList<>();
        details.forEach((key, categories) -> categories.forEach((category, texts) -> {
            JiraTicket ticket = known.get(key);
            String assignee = ticket == null || ticket.assignee() == null
                    ? null
                    : ticket.assignee().id();
            findings.add(new Finding(
                    key,
                    ticket == null ? null : ticket.summary(),
                    category,
                    policy.severityOf(category),
                    assignee,
                    String.join("; ", texts),
                    snapshot.browseUrl() == null ? null : snapshot.browseUrl() + key));
        }));

        findings.addAll(custom.findings());
        Map<Category, Integer> summary = new java.util.TreeMap<>();
        custom.categories().forEach(category -> summary.put(category, 0));
        for (Finding finding : findings) {
            if (finding.category() != Category.OUTDATED_PACKAGE) {
                summary.merge(finding.category(), 1, Integer::sum);
            }
        }
        summary.put(Category.OUTDATED_PACKAGE, outdated.size());

        List<AssigneeRow> rows = new AssigneeRows(known, snapshot.availability()).rows(findings);
        notes.addAll(unresolvedPeopleNotes(known.values()));
        return new ReleaseReport(
                snapshot.project(),
                snapshot.release(),
                snapshot.packagingRelease(),
                snapshot.generatedAt(),
                "success",
                summary,
                outdated,
                findings,
                rows,
                notes);
    }

    private static List<OutdatedPackage> outdatedPackages(
            List<ReleaseSnapshot.OutdatedWarning> warnings, PackagingRelease packaging) {
        Map<PackageVersion, Set<String>> carriers = new LinkedHashMap<>();
        for (ChangeRequest changeRequest : packaging.changeRequests()) {
            for (PackageVersion pkg : changeRequest.packages()) {
                carriers.computeIfAbsent(pkg, p -> new LinkedHashSet<>()).add(changeRequest.ticketKey());
            }
        }
        Map<PackageVersion, OutdatedPackage> outdated = new TreeMap<>(
                java.util.Comparator.comparing(PackageVersion::name).thenComparing(PackageVersion::version));
        for (ReleaseSnapshot.OutdatedWarning warning : warnings) {
            PackageVersion pkg = new PackageVersion(warning.name(), warning.version());
            List<String> tickets = carriers.getOrDefault(pkg, Set.of()).stream()
                    .sorted(ReleaseCheck::compareKeys)
                    .toList();
            outdated.putIfAbsent(pkg, new OutdatedPackage(pkg.name(), pkg.version(), warning.latest(), tickets));
        }
        return List.copyOf(outdated.values());
    }

    private static List<String> unresolvedPeopleNotes(java.util.Collection<JiraTicket> tickets) {
        Set<String> notes = new LinkedHashSet<>();
        for (JiraTicket ticket : tickets) {
            for (Person person :
                    java.util.Arrays.asList(ticket.assignee(), ticket.qcAssignee(), ticket.codeReviewer())) {
                if (person != null && !person.hasEmail()) {
                    notes.add("e-mail of " + person.name() + " (Jira account " + person.accountId()
                            + ") is hidden by Jira and not found in the directory: cannot be notified");
                }
            }
        }
        return List.copyOf(notes);
    }

    private static void add(
            Map<String, Map<Category, List<String>>> details, String ticket, Category category, String detail) {
        details.computeIfAbsent(ticket, key -> new java.util.TreeMap<>())
                .computeIfAbsent(category, key -> new ArrayList<>())
                .add(detail);
    }

    private static Map<String, JiraTicket> byKey(List<JiraTicket> tickets) {
        Map<String, JiraTicket> byKey = new LinkedHashMap<>();
        tickets.forEach(ticket -> byKey.putIfAbsent(ticket.key(), ticket));
        return byKey;
    }

    /** Orders ticket keys as people read them: ET-9 before ET-10. */
    static int compareKeys(String left, String right) {
        int l = left.lastIndexOf('-');
        int r = right.lastIndexOf('-');
        if (l > 0 && r > 0 && left.regionMatches(0, right, 0, Math.max(l, r))) {
            try {
                return Long.compare(Long.parseLong(left.substring(l + 1)), Long.parseLong(right.substring(r + 1)));
            } catch (NumberFormatException notNumeric) {
                // fall through to plain text order
            }
        }
        return left.compareTo(right);
    }
}
