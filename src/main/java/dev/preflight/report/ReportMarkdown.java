package dev.preflight.report;

import dev.preflight.check.AssigneeRow;
import dev.preflight.check.Category;
import dev.preflight.check.Finding;
import dev.preflight.check.OutdatedPackage;
import dev.preflight.check.ReleaseReport;
import java.util.List;

/** The report as Markdown, for a wiki page or a pull request; Jira text is escaped. */
public final class ReportMarkdown {

    public String write(ReleaseReport report) {
        StringBuilder out = new StringBuilder();
        out.append("# ")
                .append(escape(report.project()))
                .append(" - ")
                .append(escape(report.release()))
                .append(": ")
                .append(report.verdict().headline())
                .append("\n\n");
        out.append("Packaging release ")
                .append(escape(report.packagingRelease()))
                .append(", generated ")
                .append(report.generatedAt())
                .append(".\n\n");
        out.append("| Category | Count |\n|---|---:|\n");
        for (Category category : report.summary().keySet()) {
            out.append("| ")
                    .append(escape(category.label()))
                    .append(" | ")
                    .append(report.count(category))
                    .append(" |\n");
        }
        out.append("\n## By assignee\n\n| User | Notify |");
        List<Category> columns = AssigneeTable.columns(report);
        columns.forEach(
                c -> out.append(' ').append(escape(AssigneeTable.heading(c))).append(" |"));
        out.append("\n|---|---|").append("---|".repeat(columns.size())).append('\n');
        for (AssigneeRow row : report.byAssignee()) {
            out.append("| ")
                    .append(escape(row.displayName() != null ? row.displayName() : row.assignee()))
                    .append(row.absent() ? " (absent)" : "")
                    .append(" | ")
                    .append(escape(
                            row.recipients().isEmpty() ? "nobody available" : String.join(", ", row.recipients())))
                    .append(" |");
            columns.forEach(c -> out.append(' ')
                    .append(escape(String.join(" ", row.tickets(c))))
                    .append(" |"));
            out.append('\n');
        }
        if (!report.outdatedPackages().isEmpty()) {
            out.append("\n## Outdated packages\n\n");
            for (OutdatedPackage pkg : report.outdatedPackages()) {
                out.append("- ")
                        .append(escape(pkg.name() + " " + pkg.version()))
                        .append(" (latest: ")
                        .append(escape(pkg.latest()))
                        .append("): ")
                        .append(String.join(", ", pkg.tickets()))
                        .append('\n');
            }
        }
        out.append("\n## Findings\n\n| Ticket | Summary | Category | Severity | Detail |\n|---|---|---|---|---|\n");
        for (Finding finding : report.findings()) {
            String ticket = finding.ticket() == null
                    ? "(release)"
                    : finding.url() == null
                            ? escape(finding.ticket())
                            : "[" + escape(finding.ticket()) + "](" + finding.url() + ")";
            out.append("| ")
                    .append(ticket)
                    .append(" | ")
                    .append(escape(finding.summary() == null ? "" : finding.summary()))
                    .append(" | ")
                    .append(finding.category().key())
                    .append(" | ")
                    .append(finding.severity().key())
                    .append(" | ")
                    .append(escape(finding.detail()))
                    .append(" |\n");
        }
        if (!report.notes().isEmpty()) {
            out.append("\n## Notes\n\n");
            report.notes().forEach(note -> out.append("- ").append(escape(note)).append('\n'));
        }
        return out.toString();
    }

    /** Neutralises Markdown and HTML so text from Jira cannot format, link or inject. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\n', '\r' -> out.append(' ');
                case '\\', '`', '*', '_', '[', ']', '(', ')', '#', '|', '!', '~' ->
                    out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
