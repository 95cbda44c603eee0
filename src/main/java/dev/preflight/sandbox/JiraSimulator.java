package dev.preflight.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Jira Cloud REST v3, the endpoints Preflight uses, with Jira Cloud's JSON shapes and page limits. */
final class JiraSimulator extends SimulatedServer {

    static final int MAX_IDS_PAGE = 5000;
    static final int MAX_FIELDS_PAGE = 100;
    static final int MAX_BULK = 100;
    static final int MAX_VERSIONS_PAGE = 50;

    private static final Pattern VERSIONS = Pattern.compile("/rest/api/3/project/([^/]+)/version");
    private static final Pattern PROJECT = Pattern.compile("/rest/api/3/project/([^/]+)");
    private static final Pattern CLAUSE = Pattern.compile(
            "(?i)\\s*(project|fixVersion|key|issuekey|statusCategory)\\s*(=|!=|in)\\s*(\"[^\"]*\"|\\([^)]*\\)|[^\\s()]+)\\s*");

    private final Scenario scenario;
    private final SandboxCredentials credentials;
    private final List<Scenario.Issue> issues;
    private final Map<String, Integer> indexByKey = new HashMap<>();
    private final Map<String, List<Integer>> indexByVersion = new HashMap<>();
    private final Map<String, Scenario.User> users = new HashMap<>();
    private final Map<String, Scenario.Version> versions = new LinkedHashMap<>();
    /** The extra fields this Jira has: every field id some issue of the scenario sets. */
    private final Set<String> extraFields = new LinkedHashSet<>();

    JiraSimulator(Scenario scenario, SandboxCredentials credentials, JsonMapper json) {
        super(scenario, "jira", json);
        this.scenario = scenario;
        this.credentials = credentials;
        this.issues = scenario.jira().issues();
        for (int i = 0; i < issues.size(); i++) {
            indexByKey.put(issues.get(i).key(), i);
            for (String version : issues.get(i).fixVersions()) {
                indexByVersion.computeIfAbsent(version, v -> new ArrayList<>()).add(i);
            }
        }
        issues.forEach(issue -> extraFields.addAll(issue.fields().keySet()));
        scenario.users().forEach(user -> users.put(user.email(), user));
        scenario.jira().versions().forEach(version -> versions.put(version.name(), version));
    }

    @Override
    protected Object faultBody(int status) {
        return errors("Injected failure " + status);
    }

    @Override
    protected void handle(Request request) throws IOException {
        if (!authorised(request.header("Authorization"))) {
            request.respond(
                    401, errors("You are not authenticated. Authentication required to perform this operation."));
            return;
        }
        String path = request.path();
        Matcher versionsPath = VERSIONS.matcher(path);
        Matcher projectPath = PROJECT.matcher(path);
        if (path.equals("/rest/api/3/myself")) {
            request.respond(200, user(users.values().stream().findFirst().orElse(null)));
        } else if (versionsPath.matches() && request.method().equals("GET")) {
            versions(request, versionsPath.group(1));
        } else if (projectPath.matches() && request.method().equals("GET")) {
            if (!isProject(projectPath.group(1))) {
                request.respond(404, errors(noProject(projectPath.group(1))));
            } else {
                request.respond(200, project());
            }
        } else if (path.equals("/rest/api/3/search/jql")) {
            search(request);
        } else if (path.equals("/rest/api/3/search/approximate-count")) {
            count(request);
        } else if (path.equals("/rest/api/3/issue/bulkfetch")
                && request.method().equals("POST")) {
            bulkFetch(request);
        } else if (path.equals("/rest/api/3/search")) {
            request.respond(
                    410,
                    errors("The requested API has been removed. Please migrate to the /rest/api/3/search/jql API."));
        } else {
            request.respond(404, errors("No resource at " + path));
        }
    }

    private boolean authorised(@Nullable String header) {
        if (header == null) {
            return false;
        }
        if (header.startsWith("Bearer ")) {
            return header.substring(7).equals(credentials.jiraToken());
        }
        if (header.startsWith("Basic ")) {
            String expected = credentials.jiraUser() + ":" + credentials.jiraToken();
            try {
                return new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8)
                        .equals(expected);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return false;
    }

    private boolean isProject(String key) {
        return scenario.jira().project().key().equals(key);
    }

    private static String noProject(String key) {
        return "No project could be found with key '" + key + "'.";
    }

    private void versions(Request request, String key) throws IOException {
        if (!isProject(key)) {
            request.respond(404, errors(noProject(key)));
            return;
        }
        Set<String> statuses = new LinkedHashSet<>();
        String status = request.query("status");
        if (status != null && !status.isBlank()) {
            statuses.addAll(Arrays.asList(status.split(",")));
        }
        List<Scenario.Version> selected = new ArrayList<>(scenario.jira().versions().stream()
                .filter(v -> statuses.isEmpty()
                        || (statuses.contains("released") && v.isReleased() && !v.isArchived())
                        || (statuses.contains("unreleased") && !v.isReleased() && !v.isArchived())
                        || (statuses.contains("archived") && v.isArchived()))
                .toList());
        String orderBy = request.query("orderBy");
        if (orderBy != null && orderBy.replace("+", "").replace("-", "").equals("releaseDate")) {
            Comparator<Scenario.Version> byDate = Comparator.comparing(
                    Scenario.Version::releaseDate, Comparator.nullsLast(Comparator.naturalOrder()));
            selected.sort(orderBy.startsWith("-") ? byDate.reversed() : byDate);
        } else if (orderBy != null && orderBy.replace("+", "").replace("-", "").equals("name")) {
            Comparator<Scenario.Version> byName = Comparator.comparing(Scenario.Version::name);
            selected.sort(orderBy.startsWith("-") ? byName.reversed() : byName);
        }
        int startAt = Math.max(0, request.intQuery("startAt", 0));
        int maxResults = Math.clamp(request.intQuery("maxResults", MAX_VERSIONS_PAGE), 1, MAX_VERSIONS_PAGE);
        int end = Math.min(selected.size(), startAt + maxResults);
        List<Object> values = new ArrayList<>();
        for (int i = startAt; i < end; i++) {
            values.add(version(selected.get(i)));
        }
        Map<String, Object> page = new LinkedHashMap<>();
        String self = url() + request.exchange.getRequestURI();
        page.put("self", self);
        boolean last = end >= selected.size();
        if (!last) {
            page.put(
                    "nextPage",
                    url() + "/rest/api/3/project/" + key + "/version?startAt=" + end + "&maxResults="
                            + maxResults + (status == null ? "" : "&status=" + status)
                            + (orderBy == null ? "" : "&orderBy=" + orderBy));
        }
        page.put("maxResults", maxResults);
        page.put("startAt", startAt);
        page.put("total", selected.size());
        page.put("isLast", last);
        page.put("values", values);
        request.respond(200, page);
    }

    private void search(Request request) throws IOException {
        String jql;
        String token;
        int maxResults;
        List<String> fields;
        if (request.method().equals("POST")) {
            JsonNode body = request.body();
            jql = body.path("jql").asString("");
            token = body.path("nextPageToken").isString()
                    ? body.path("nextPageToken").stringValue()
                    : null;
            maxResults = body.path("maxResults").asInt(50);
            fields = new ArrayList<>();
            body.path("fields").forEach(field -> fields.add(field.asString()));
        } else {
            jql = request.query("jql") == null ? "" : request.query("jql");
            token = request.query("nextPageToken");
            maxResults = request.intQuery("maxResults", 50);
            fields = request.query("fields") == null
                    ? new ArrayList<>()
                    : new ArrayList<>(Arrays.asList(request.query("fields").split(",")));
        }
        if (fields.isEmpty()) {
            fields.add("id");
        }
        List<Integer> matches;
        try {
            matches = evaluate(jql);
        } catch (IllegalArgumentException e) {
            request.respond(400, errors(e.getMessage()));
            return;
        }
        if (maxResults < 1 || maxResults > MAX_IDS_PAGE) {
            // Jira Cloud refuses the request rather than capping it
            request.respond(400, errors("The max results parameter has to be between 1 and 5,000."));
            return;
        }
        boolean idsOnly = fields.stream().allMatch(f -> f.equals("id") || f.equals("key"));
        // within 1 to 5,000, Jira silently returns fewer when fields other than id/key are asked
        int limit = Math.min(maxResults, idsOnly ? MAX_IDS_PAGE : MAX_FIELDS_PAGE);
        int offset = 0;
        if (token != null && !token.isBlank()) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                String[] parts = decoded.split(":", 2);
                if (parts.length != 2 || !parts[1].equals(Integer.toHexString(jql.hashCode()))) {
                    throw new IllegalArgumentException();
                }
                offset = Integer.parseInt(parts[0]);
            } catch (IllegalArgumentException e) {
                request.respond(400, errors("The provided next page token is invalid or expired."));
                return;
            }
        }
        int end = Math.min(matches.size(), offset + limit);
        List<Object> page = new ArrayList<>(end - offset);
        for (int i = offset; i < end; i++) {
            page.add(issue(matches.get(i), fields));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("issues", page);
        if (end < matches.size()) {
            result.put(
                    "nextPageToken",
                    Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString((end + ":" + Integer.toHexString(jql.hashCode()))
                                    .getBytes(StandardCharsets.UTF_8)));
        }
        result.put("isLast", end >= matches.size());
        request.respond(200, result);
    }

    /** Jira's estimate of a bounded JQL's matches: POST only, the JQL in a JSON body (required). */
    private void count(Request request) throws IOException {
        if (!request.method().equals("POST")) {
            request.respond(405, errors("Method " + request.method() + " is not allowed here."));
            return;
        }
        JsonNode body = request.body();
        if (!body.path("jql").isString()) {
            request.respond(400, errors("The request body must contain a 'jql' string."));
            return;
        }
        try {
            request.respond(
                    200,
                    Map.of("count", evaluate(body.path("jql").stringValue()).size()));
        } catch (IllegalArgumentException e) {
            request.respond(400, errors(e.getMessage()));
        }
    }

    /** The JQL Preflight sends: clauses joined by AND over project, fixVersion and key, then ORDER BY. */
    List<Integer> evaluate(String jql) {
        String query = jql.replaceAll("(?i)\\s+order\\s+by\\s+.*$", "").trim();
        if (query.isEmpty()) {
            throw new IllegalArgumentException("Unbounded JQL queries are not allowed here.");
        }
        List<Integer> result = null;
        for (String clause : query.split("(?i)\\s+AND\\s+")) {
            Matcher m = CLAUSE.matcher(clause);
            if (!m.matches()) {
                throw new IllegalArgumentException(
                        "Error in the JQL Query: the sandbox does not understand '" + clause.trim() + "'.");
            }
            String field = m.group(1).toLowerCase(java.util.Locale.ROOT);
            String value = m.group(3);
            List<Integer> selected;
            switch (field) {
                case "project" -> {
                    String key = unquote(value);
                    if (!isProject(key)) {
                        throw new IllegalArgumentException(
                                "The value '" + key + "' does not exist for the field 'project'.");
                    }
                    selected = java.util.stream.IntStream.range(0, issues.size())
                            .boxed()
                            .toList();
                }
                case "statuscategory" -> {
                    String category = statusCategoryKey(unquote(value));
                    boolean negated = m.group(2).equals("!=");
                    selected = java.util.stream.IntStream.range(0, issues.size())
                            .filter(i -> issues.get(i).statusCategory().equals(category) != negated)
                            .boxed()
                            .toList();
                }
                case "fixversion" -> {
                    String version = unquote(value);
                    if (!versions.containsKey(version)) {
                        throw new IllegalArgumentException(
                                "The value '" + version + "' does not exist for the field 'fixVersion'.");
                    }
                    selected = indexByVersion.getOrDefault(version, List.of());
                }
                default -> {
                    String list = value.startsWith("(") ? value.substring(1, value.length() - 1) : value;
                    selected = new ArrayList<>();
                    for (String key : list.split(",")) {
                        Integer index = indexByKey.get(unquote(key.trim()));
                        if (index != null) {
                            selected.add(index);
                        }
                    }
                }
            }
            if (result == null) {
                result = new ArrayList<>(selected);
            } else {
                Set<Integer> keep = new java.util.HashSet<>(selected);
                result.removeIf(index -> !keep.contains(index));
            }
        }
        result.sort(Comparator.naturalOrder());
        return result;
    }

    /** Jira accepts a status category by name ("Done", "To Do", "In Progress") or by key. */
    private static String statusCategoryKey(String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "done" -> "done";
            case "to do", "new" -> "new";
            case "in progress", "indeterminate" -> "indeterminate";
            default ->
                throw new IllegalArgumentException(
                        "The value '" + value + "' does not exist for the field 'statusCategory'.");
        };
    }

    private void bulkFetch(Request request) throws IOException {
        JsonNode body = request.body();
        JsonNode ids = body.path("issueIdsOrKeys");
        if (!ids.isArray() || ids.isEmpty()) {
            request.respond(400, errors("issueIdsOrKeys must contain at least one issue."));
            return;
        }
        if (ids.size() > MAX_BULK) {
            request.respond(400, errors("issueIdsOrKeys must contain at most " + MAX_BULK + " issues."));
            return;
        }
        List<String> fields = new ArrayList<>();
        body.path("fields").forEach(field -> fields.add(field.asString()));
        if (fields.isEmpty()) {
            fields.add("*navigable");
        }
        List<Object> found = new ArrayList<>();
        for (JsonNode id : ids) {
            Integer index = lookup(id.asString());
            if (index != null) {
                found.add(issue(index, fields));
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("issueErrors", List.of());
        result.put("issues", found);
        request.respond(200, result);
    }

    private @Nullable Integer lookup(String idOrKey) {
        Integer index = indexByKey.get(idOrKey);
        if (index == null && idOrKey.chars().allMatch(Character::isDigit) && !idOrKey.isEmpty()) {
            int candidate = Integer.parseInt(idOrKey) - 10000;
            index = candidate >= 0 && candidate < issues.size() ? candidate : null;
        }
        return index;
    }

    private Map<String, Object> issue(int index, List<String> fields) {
        Scenario.Issue issue = issues.get(index);
        Map<String, Object> bean = new LinkedHashMap<>();
        String id = String.valueOf(10000 + index);
        bean.put("id", id);
        if (fields.size() == 1 && fields.getFirst().equals("id")) {
            return bean;
        }
        bean.put("key", issue.key());
        bean.put("self", url() + "/rest/api/3/issue/" + id);
        boolean all = fields.contains("*all") || fields.contains("*navigable");
        Scenario.Fields custom = scenario.jira().fields();
        Map<String, Object> values = new LinkedHashMap<>();
        if (all || fields.contains("summary")) {
            values.put("summary", issue.summary());
        }
        if (all || fields.contains("status")) {
            values.put("status", status(issue));
        }
        if (all || fields.contains("assignee")) {
            values.put("assignee", user(users.get(issue.assignee())));
        }
        if (all || fields.contains("fixVersions")) {
            values.put(
                    "fixVersions",
                    issue.fixVersions().stream()
                            .map(name -> version(versions.get(name)))
                            .toList());
        }
        if (all || fields.contains("project")) {
            values.put("project", project());
        }
        if (all || fields.contains("labels")) {
            values.put("labels", issue.labels()); // Jira answers [] for an issue without labels
        }
        if (all || fields.contains(custom.qcAssignee())) {
            values.put(custom.qcAssignee(), user(users.get(issue.qcAssignee())));
        }
        if (all || fields.contains(custom.codeReviewer())) {
            values.put(custom.codeReviewer(), user(users.get(issue.codeReviewer())));
        }
        if (all || fields.contains(custom.packages())) {
            values.put(custom.packages(), issue.packages().isEmpty() ? null : issue.packages());
        }
        if (custom.qcStatus() != null && (all || fields.contains(custom.qcStatus()))) {
            values.put(
                    custom.qcStatus(),
                    issue.qcStatus() == null
                            ? null
                            : Map.of(
                                    "self",
                                    url() + "/rest/api/3/customFieldOption/1",
                                    "value",
                                    issue.qcStatus(),
                                    "id",
                                    "1"));
        }
        for (String field : extraFields) {
            // only the fields asked for; a field this issue leaves empty is null, as Jira answers
            if (all || fields.contains(field)) {
                values.put(field, issue.fields().get(field));
            }
        }
        if (!values.isEmpty() || !all) {
            bean.put("fields", values);
        }
        return bean;
    }

    private Map<String, Object> status(Scenario.Issue issue) {
        String category = issue.statusCategory();
        int categoryId = switch (category) {
            case "new" -> 2;
            case "indeterminate" -> 4;
            default -> 3;
        };
        String name = issue.status() != null
                ? issue.status()
                : switch (category) {
                    case "new" -> "To Do";
                    case "indeterminate" -> "In Progress";
                    default -> "Done";
                };
        return Map.of(
                "self",
                url() + "/rest/api/3/status/" + Math.abs(name.hashCode() % 10000),
                "id",
                String.valueOf(Math.abs(name.hashCode() % 10000)),
                "name",
                name,
                "statusCategory",
                Map.of(
                        "self",
                        url() + "/rest/api/3/statuscategory/" + categoryId,
                        "id",
                        categoryId,
                        "key",
                        category,
                        "colorName",
                        categoryId == 3 ? "green" : categoryId == 4 ? "yellow" : "blue-gray",
                        "name",
                        categoryId == 3 ? "Done" : categoryId == 4 ? "In Progress" : "To Do"));
    }

    private @Nullable Map<String, Object> user(Scenario.@Nullable User user) {
        if (user == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        String accountId = accountId(user);
        json.put("self", url() + "/rest/api/3/user?accountId=" + accountId);
        json.put("accountId", accountId);
        if (user.isEmailVisible()) {
            json.put("emailAddress", user.email());
        }
        json.put("displayName", user.displayName() == null ? user.email() : user.displayName());
        json.put("active", true);
        json.put("timeZone", "Europe/Paris");
        json.put("accountType", "atlassian");
        return json;
    }

    static String accountId(Scenario.User user) {
        return user.accountId() != null
                ? user.accountId()
                : "sandbox-" + Integer.toHexString(user.email().hashCode());
    }

    private Map<String, Object> version(Scenario.Version version) {
        Map<String, Object> json = new LinkedHashMap<>();
        int id = 20000 + scenario.jira().versions().indexOf(version);
        json.put("self", url() + "/rest/api/3/version/" + id);
        json.put("id", String.valueOf(id));
        json.put("name", version.name());
        json.put("archived", version.isArchived());
        json.put("released", version.isReleased());
        if (version.releaseDate() != null) {
            json.put("releaseDate", version.releaseDate().toString());
        }
        json.put("projectId", 10000);
        return json;
    }

    private Map<String, Object> project() {
        Scenario.Project project = scenario.jira().project();
        return Map.of(
                "self",
                url() + "/rest/api/3/project/10000",
                "id",
                "10000",
                "key",
                project.key(),
                "name",
                project.name() == null ? project.key() : project.name());
    }

    private static Map<String, Object> errors(String message) {
        return Map.of("errorMessages", List.of(message), "errors", Map.of());
    }

    private static String unquote(String value) {
        String trimmed = value.trim();
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
                ? trimmed.substring(1, trimmed.length() - 1)
                : trimmed;
    }
}
