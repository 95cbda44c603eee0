package dev.preflight.report;

import dev.preflight.check.Category;
import dev.preflight.check.Finding;
import dev.preflight.check.ReleaseReport;
import java.util.List;
import java.util.Set;

/**
 * The report as JUnit XML for CI dashboards: one test suite per category, one failing test case
 * per finding in a category listed in {@code failOn} (a skipped one otherwise), one passing
 * case for a category without findings.
 */
public final class ReportJunit {

    public String write(ReleaseReport report, Set<Category> failOn) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        int failures = (int) report.findings().stream()
                .filter(f -> failOn.contains(f.category()))
                .count();
        out.append("<testsuites name=\"")
                .append(xml("preflight " + report.project() + " " + report.release()))
                .append("\" tests=\"")
                .append(Math.max(1, report.findings().size()))
                .append("\" failures=\"")
                .append(failures)
                .append("\" timestamp=\"")
                .append(report.generatedAt())
                .append("\">\n");
        for (Category category : report.summary().keySet()) {
            List<Finding> findings = report.findings(category);
            boolean failing = failOn.contains(category);
            out.append("  <testsuite name=\"")
                    .append(category.key())
                    .append("\" tests=\"")
                    .append(Math.max(1, findings.size()))
                    .append("\" failures=\"")
                    .append(failing ? findings.size() : 0)
                    .append("\" skipped=\"")
                    .append(failing ? 0 : findings.size())
                    .append("\">\n");
            if (findings.isEmpty()) {
                out.append("    <testcase classname=\"")
                        .append(category.key())
                        .append("\" name=\"")
                        .append(xml(category.label())) // a custom label is the team's text: R&D "sign-off"
                        .append(": none\"/>\n");
            }
            for (Finding finding : findings) {
                out.append("    <testcase classname=\"")
                        .append(category.key())
                        .append("\" name=\"")
                        .append(xml(finding.ticket() == null ? "release" : finding.ticket()))
                        .append("\">");
                String message = xml(finding.severity().key() + ": " + finding.detail());
                out.append(
                        failing ? "<failure message=\"" + message + "\"/>" : "<skipped message=\"" + message + "\"/>");
                out.append("</testcase>\n");
            }
            out.append("  </testsuite>\n");
        }
        return out.append("</testsuites>\n").toString();
    }

    static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
