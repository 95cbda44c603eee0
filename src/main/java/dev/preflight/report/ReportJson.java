package dev.preflight.report;

import dev.preflight.check.AssigneeRow;
import dev.preflight.check.Finding;
import dev.preflight.check.OutdatedPackage;
import dev.preflight.check.ReleaseReport;
import dev.preflight.check.Verdict;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The report as JSON, key by key as the report format (preflight-report/1) fixes them. */
public final class ReportJson {

    private final JsonMapper json =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public String write(ReleaseReport report) {
        return json.writeValueAsString(tree(report));
    }

    /** The {@code verdict} object, as the report and the API's executions carry it. */
    public ObjectNode verdict(Verdict verdict) {
        ObjectNode judged = json.createObjectNode();
        judged.put("ready", verdict.ready());
        judged.put("blocking", verdict.blocking());
        judged.put("semiBlocking", verdict.semiBlocking());
        judged.put("minor", verdict.minor());
        judged.put("headline", verdict.headline());
        return judged;
    }

    public ObjectNode tree(ReleaseReport report) {
        ObjectNode root = json.createObjectNode();
        root.put("format", ReleaseReport.FORMAT);
        root.put("project", report.project());
        root.put("release", report.release());
        root.put("packagingRelease", report.packagingRelease());
        root.put("generatedAt", report.generatedAt().toString());
        root.put("status", report.status());
        root.set("verdict", verdict(report.verdict()));
        ObjectNode summary = root.putObject("summary");
        report.summary().forEach((category, count) -> summary.put(category.key(), count));
        ArrayNode outdated = root.putArray("outdatedPackages");
        for (OutdatedPackage pkg : report.outdatedPackages()) {
            ObjectNode node = outdated.addObject();
            node.put("name", pkg.name());
            node.put("version", pkg.version());
            node.put("latest", pkg.latest());
            ArrayNode tickets = node.putArray("tickets");
            pkg.tickets().forEach(tickets::add);
        }
        ArrayNode findings = root.putArray("findings");
        for (Finding finding : report.findings()) {
            ObjectNode node = findings.addObject();
            if (finding.ticket() != null) { // a release-level finding of a custom check has none
                node.put("ticket", finding.ticket());
            }
            if (finding.summary() != null) {
                node.put("summary", finding.summary());
            }
            node.put("category", finding.category().key());
            if (finding.category().isCustom()) {
                node.put("label", finding.category().label());
            }
            node.put("severity", finding.severity().key());
            node.put("assignee", finding.assignee());
            node.put("detail", finding.detail());
            node.put("url", finding.url());
            if (!finding.recipients().isEmpty()) {
                ArrayNode notify = node.putArray("notify");
                finding.recipients().forEach(notify::add);
            }
        }
        ArrayNode rows = root.putArray("byAssignee");
        for (AssigneeRow row : report.byAssignee()) {
            ObjectNode node = rows.addObject();
            node.put("assignee", row.assignee());
            node.put("displayName", row.displayName());
            ArrayNode notify = node.putArray("notify");
            row.recipients().forEach(notify::add);
            node.put("absent", row.absent());
            ObjectNode tickets = node.putObject("tickets");
            row.tickets().forEach((category, keys) -> {
                ArrayNode list = tickets.putArray(category.key());
                keys.forEach(list::add);
            });
            if (row.note() != null) {
                node.put("note", row.note());
            }
        }
        ArrayNode notes = root.putArray("notes");
        report.notes().forEach(notes::add);
        return root;
    }
}
