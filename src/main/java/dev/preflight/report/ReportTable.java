package dev.preflight.report;

import dev.preflight.check.AssigneeRow;
import dev.preflight.check.Category;
import dev.preflight.check.OutdatedPackage;
import dev.preflight.check.ReleaseReport;
import java.util.ArrayList;
import java.util.List;

/**
 * The report for a terminal: one row per assignee with the Teams card's columns, then the summary
 * and the outdated packages.
 */
public final class ReportTable {

    public String write(ReleaseReport report) {
        StringBuilder out = new StringBuilder();
        out.append(report.verdict().headline()).append('\n');
        out.append(report.project())
                .append(" - ")
                .append(report.release())
                .append(" (packaging ")
                .append(report.packagingRelease())
                .append(")  generated ")
                .append(report.generatedAt())
                .append('\n')
                .append('\n');
        List<Category> columns = AssigneeTable.columns(report);
        List<String> header = AssigneeTable.headings(columns);
        List<List<String>> rows = new ArrayList<>();
        for (AssigneeRow row : report.byAssignee()) {
            List<String> cells = new ArrayList<>();
            String user = row.displayName() != null ? row.displayName() : row.assignee();
            if (row.absent()) {
                user += " (absent)";
            }
            if (!row.recipients().isEmpty() && !row.recipients().equals(List.of(row.assignee()))) {
                user += " -> " + String.join(", ", row.recipients());
            }
            cells.add(user);
            columns.forEach(category -> cells.add(String.join(" ", row.tickets(category))));
            rows.add(cells);
        }
        out.append(grid(header, rows)).append('\n');
        out.append("Summary\n");
        report.summary()
                .forEach((category, count) -> out.append(String.format("  %-24s %d%n", category.label(), count)));
        if (!report.outdatedPackages().isEmpty()) {
            out.append("\nOutdated packages\n");
            for (OutdatedPackage pkg : report.outdatedPackages()) {
                out.append("  ")
                        .append(pkg.name())
                        .append(' ')
                        .append(pkg.version())
                        .append(" (latest: ")
                        .append(pkg.latest())
                        .append(")  ")
                        .append(String.join(" ", pkg.tickets()))
                        .append('\n');
            }
        }
        List<String> missingInJira = report.findings(Category.MISSING_IN_JIRA).stream()
                .map(f -> "  " + f.ticket() + "  " + f.detail())
                .toList();
        if (!missingInJira.isEmpty()) {
            out.append("\nMissing in Jira\n")
                    .append(String.join("\n", missingInJira))
                    .append('\n');
        }
        List<String> custom = report.findings().stream()
                .filter(f -> f.category().isCustom())
                .map(f -> "  " + f.severity().key() + "  " + f.category().label() + "  "
                        + (f.ticket() == null ? "(release)" : f.ticket()) + "  " + f.detail())
                .toList();
        if (!custom.isEmpty()) {
            out.append("\nCustom checks\n").append(String.join("\n", custom)).append('\n');
        }
        if (!report.notes().isEmpty()) {
            out.append("\nNotes\n");
            report.notes().forEach(note -> out.append("  ").append(note).append('\n'));
        }
        return out.toString();
    }

    private static String grid(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, widths);
        StringBuilder rule = new StringBuilder();
        for (int width : widths) {
            rule.append("-".repeat(width)).append("-+-");
        }
        out.append(rule, 0, rule.length() - 3).append('\n');
        rows.forEach(row -> line(out, row, widths));
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(String.format("%-" + widths[i] + "s", cells.get(i))).append(i < cells.size() - 1 ? " | " : "");
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
