package dev.preflight.check;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The release report (format {@code preflight-report/1}). */
public record ReleaseReport(
        String project,
        String release,
        String packagingRelease,
        Instant generatedAt,
        String status,
        Map<Category, Integer> summary,
        List<OutdatedPackage> outdatedPackages,
        List<Finding> findings,
        List<AssigneeRow> byAssignee,
        List<String> notes) {

    public static final String FORMAT = "preflight-report/1";

    public ReleaseReport {
        java.util.TreeMap<Category, Integer> complete = new java.util.TreeMap<>(summary);
        for (Category category : Category.builtIn()) {
            complete.putIfAbsent(category, 0);
        }
        summary = java.util.Collections.unmodifiableMap(complete);
        outdatedPackages = List.copyOf(outdatedPackages);
        findings = List.copyOf(findings);
        byAssignee = List.copyOf(byAssignee);
        notes = List.copyOf(notes);
    }

    /** Ready or not, with the findings per severity: what a report says first, everywhere. */
    public Verdict verdict() {
        return Verdict.of(findings);
    }

    public int count(Category category) {
        return summary.getOrDefault(category, 0);
    }

    public List<Finding> findings(Category category) {
        return findings.stream().filter(f -> f.category() == category).toList();
    }

    /** The same report with more notes, e.g. what a notification could not do. */
    public ReleaseReport withNotes(List<String> more) {
        List<String> all = new java.util.ArrayList<>(notes);
        all.addAll(more);
        return new ReleaseReport(
                project,
                release,
                packagingRelease,
                generatedAt,
                status,
                summary,
                outdatedPackages,
                findings,
                byAssignee,
                all);
    }

    public ReleaseReport withStatus(String newStatus) {
        return new ReleaseReport(
                project,
                release,
                packagingRelease,
                generatedAt,
                newStatus,
                summary,
                outdatedPackages,
                findings,
                byAssignee,
                notes);
    }
}
