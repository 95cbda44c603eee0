package dev.preflight.history;

import dev.preflight.check.Severity;
import dev.preflight.check.Verdict;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One execution as a JSON file ({@code preflight-execution/1}: its metadata, its report in the
 * report format, its log) and back. An import is all-or-nothing per file.
 */
@Service
public class ExecutionExport {

    public static final String FORMAT = "preflight-execution/1";

    private final ExecutionHistory history;
    private final ExecutionRepository executions;
    private final JsonMapper json =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    ExecutionExport(ExecutionHistory history, ExecutionRepository executions) {
        this.history = history;
        this.executions = executions;
    }

    public String export(UUID id) {
        Execution e = history.get(id);
        ObjectNode root = json.createObjectNode();
        root.put("format", FORMAT);
        ObjectNode meta = root.putObject("execution");
        meta.put("id", e.id().toString());
        meta.put("project", e.project());
        meta.put("release", e.release());
        meta.put("packagingRelease", e.packagingRelease());
        meta.put("trigger", e.trigger().key());
        meta.put("triggeredBy", e.triggeredBy());
        meta.put("startedAt", e.startedAt().toString());
        meta.put("endedAt", e.endedAt() == null ? null : e.endedAt().toString());
        meta.put("status", e.status().key());
        meta.set("options", json.readTree(e.options()));
        meta.put("error", e.error());
        root.set("report", e.report() == null ? null : json.readTree(e.report()));
        ArrayNode log = root.putArray("log");
        for (LogLine line : history.log(id, 0)) {
            log.addObject()
                    .put("at", line.at().toString())
                    .put("level", line.level())
                    .put("message", line.message());
        }
        return json.writeValueAsString(root);
    }

    /** Imports one exported execution; nothing is written when anything in it is wrong. */
    @Transactional
    public UUID importJson(String name, String text) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JacksonException e) {
            throw new ImportException(
                    name,
                    "not JSON (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        }
        require(name, FORMAT.equals(root.path("format").asString("")), "$.format must be \"" + FORMAT + "\"");
        JsonNode meta = root.path("execution");
        UUID id = uuid(name, meta.path("id"));
        require(name, executions.find(id).isEmpty(), "execution " + id + " is already in history");
        String project = text(name, meta, "project");
        ExecutionStatus status;
        Trigger trigger;
        try {
            status = ExecutionStatus.fromKey(text(name, meta, "status"));
            trigger = Trigger.fromKey(meta.path("trigger").asString("import"));
        } catch (IllegalArgumentException e) {
            throw new ImportException(name, "$.execution: " + e.getMessage());
        }
        Instant started = instant(name, meta, "startedAt", true);
        Instant ended = instant(name, meta, "endedAt", false);
        JsonNode report = root.path("report");
        require(
                name,
                report.isMissingNode()
                        || report.isNull()
                        || "preflight-report/1".equals(report.path("format").asString("")),
                "$.report.format must be \"preflight-report/1\"");
        String summary = report.isObject() ? report.path("summary").toString() : null;
        Verdict verdict = report.isObject() ? verdict(name, report.path("findings")) : null;
        executions.insert(new Execution(
                id,
                project,
                nullable(meta.path("release")),
                nullable(meta.path("packagingRelease")),
                trigger,
                nullable(meta.path("triggeredBy")),
                started,
                ended,
                status,
                meta.path("options").isObject() ? meta.path("options").toString() : "{}",
                summary,
                verdict,
                report.isObject() ? json.writeValueAsString(report) : null,
                nullable(meta.path("error"))));
        if (report.isObject()) {
            int i = 0;
            for (JsonNode finding : report.path("findings")) {
                String at = "$.report.findings[" + i++ + "]";
                require(
                        name,
                        (finding.path("ticket").isString()
                                        || finding.path("ticket").isMissingNode())
                                && finding.path("category").isString()
                                && finding.path("severity").isString()
                                && finding.path("detail").isString(),
                        at + " needs category, severity and detail (and a ticket, if any, as text)");
                executions.insertFinding(
                        id,
                        new StoredFinding(
                                id,
                                nullable(finding.path("ticket")),
                                finding.path("category").stringValue(),
                                finding.path("severity").stringValue(),
                                nullable(finding.path("assignee")),
                                finding.path("detail").stringValue()));
            }
        }
        int i = 0;
        for (JsonNode line : root.path("log")) {
            Instant at = instant(name, line, "at", true);
            require(name, line.path("message").isString(), "$.log[" + i + "].message is required");
            executions.appendLog(
                    id,
                    at,
                    line.path("level").asString("INFO"),
                    line.path("message").stringValue());
            i++;
        }
        return id;
    }

    /** The findings per severity, each severity checked before anything is written. */
    private static Verdict verdict(String name, JsonNode findings) {
        java.util.List<Severity> severities = new java.util.ArrayList<>();
        int i = 0;
        for (JsonNode finding : findings) {
            try {
                severities.add(Severity.fromKey(finding.path("severity").asString("")));
            } catch (IllegalArgumentException e) {
                throw new ImportException(name, "$.report.findings[" + i + "].severity: " + e.getMessage());
            }
            i++;
        }
        return Verdict.counting(severities);
    }

    private static UUID uuid(String name, JsonNode node) {
        try {
            return UUID.fromString(node.asString(""));
        } catch (IllegalArgumentException e) {
            throw new ImportException(name, "$.execution.id must be a UUID");
        }
    }

    private static String text(String name, JsonNode node, String field) {
        require(
                name,
                node.path(field).isString() && !node.path(field).stringValue().isBlank(),
                "$.execution." + field + " is required");
        return node.path(field).stringValue();
    }

    private static Instant instant(String name, JsonNode node, String field, boolean required) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            require(name, !required, field + " is required");
            return null;
        }
        try {
            return Instant.parse(value.asString(""));
        } catch (DateTimeParseException e) {
            throw new ImportException(name, field + " is not an ISO-8601 instant: " + value);
        }
    }

    private static String nullable(JsonNode node) {
        return node.isString() ? node.stringValue() : null;
    }

    private static void require(String name, boolean condition, String problem) {
        if (!condition) {
            throw new ImportException(name, problem);
        }
    }

    /** An import refused: names the file and what was wrong in it. */
    public static class ImportException extends RuntimeException {
        ImportException(String file, String problem) {
            super("import " + file + ": " + problem);
        }
    }
}
