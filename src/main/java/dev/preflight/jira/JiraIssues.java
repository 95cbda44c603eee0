package dev.preflight.jira;

import dev.preflight.check.JiraTicket;
import dev.preflight.check.Person;
import dev.preflight.check.StatusCategory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Reads Jira's issue JSON into {@link JiraTicket}s, with the configured custom fields. */
final class JiraIssues {

    private final JiraProperties.Fields fields;

    JiraIssues(JiraProperties.Fields fields) {
        this.fields = fields;
    }

    /** The fields the checks read, then those custom checks asked for. */
    List<String> fieldNames(List<String> extra) {
        List<String> names = new ArrayList<>(List.of(
                "summary",
                "status",
                "assignee",
                "fixVersions",
                "labels",
                fields.qcAssignee(),
                fields.codeReviewer(),
                fields.packages()));
        if (fields.qcStatus() != null) {
            names.add(fields.qcStatus());
        }
        extra.stream().filter(name -> !names.contains(name)).forEach(names::add);
        return names;
    }

    JiraTicket ticket(JsonNode issue, List<String> extra) {
        JsonNode f = issue.path("fields");
        JsonNode status = f.path("status");
        String categoryKey = status.path("statusCategory").path("key").asString("");
        StatusCategory category;
        try {
            category = StatusCategory.fromKey(categoryKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Jira issue " + issue.path("key").asString("?")
                    + " has an unknown status category '" + categoryKey + "'");
        }
        List<JiraTicket.FixVersion> fixVersions = new ArrayList<>();
        for (JsonNode version : f.path("fixVersions")) {
            fixVersions.add(new JiraTicket.FixVersion(
                    version.path("name").asString(""), version.path("released").asBoolean(false)));
        }
        return new JiraTicket(
                issue.path("key").asString(""),
                f.path("summary").asString(""),
                status.path("name").asString(categoryKey),
                category,
                qcDone(f),
                fixVersions,
                person(f.path("assignee")),
                person(f.path(fields.qcAssignee())),
                person(f.path(fields.codeReviewer())),
                packages(f.path(fields.packages())),
                f.path("labels").valueStream().map(label -> label.asString("")).toList(),
                extraFields(f, extra));
    }

    /** The requested fields as plain JSON values, for custom checks' JSONata. */
    private java.util.Map<String, Object> extraFields(JsonNode f, List<String> extra) {
        java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
        for (String name : extra) {
            JsonNode value = f.path(name);
            if (!value.isMissingNode() && !value.isNull()) {
                values.put(name, JSON.treeToValue(value, Object.class));
            }
        }
        return values;
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.shared();

    private @Nullable Boolean qcDone(JsonNode f) {
        if (fields.qcStatus() == null) {
            return null;
        }
        JsonNode value = f.path(fields.qcStatus());
        String text = value.isObject()
                ? value.path("value").asString(value.path("name").asString(""))
                : value.asString("");
        return fields.qcDoneValues().stream().anyMatch(done -> done.equalsIgnoreCase(text.trim()));
    }

    static @Nullable Person person(JsonNode user) {
        if (!user.isObject()) {
            return null;
        }
        String email = user.path("emailAddress").isString()
                        && !user.path("emailAddress").stringValue().isBlank()
                ? user.path("emailAddress").stringValue().toLowerCase(Locale.ROOT)
                : null;
        return new Person(
                email,
                user.path("displayName").isString() ? user.path("displayName").stringValue() : null,
                user.path("accountId").isString() ? user.path("accountId").stringValue() : null);
    }

    /** A labels-style array, a plain or multi-line text, or a rich-text (ADF) document. */
    static List<String> packages(JsonNode value) {
        List<String> entries = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(item -> entries.add(
                    item.isString() ? item.stringValue() : item.path("value").asString("")));
        } else if (value.isString()) {
            split(value.stringValue(), entries);
        } else if (value.isObject()) {
            StringBuilder text = new StringBuilder();
            adfText(value, text);
            split(text.toString(), entries);
        }
        return entries.stream()
                .map(String::strip)
                .filter(entry -> !entry.isEmpty())
                .toList();
    }

    private static void split(String text, List<String> into) {
        for (String part : text.split("[,;\\n]")) {
            into.add(part);
        }
    }

    private static void adfText(JsonNode node, StringBuilder text) {
        if (node.path("type").asString("").equals("text")) {
            text.append(node.path("text").asString(""));
        }
        for (JsonNode child : node.path("content")) {
            adfText(child, text);
        }
        if (node.path("type").asString("").equals("paragraph")
                || node.path("type").asString("").equals("hardBreak")) {
            text.append('\n');
        }
    }
}
