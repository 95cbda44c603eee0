package dev.preflight.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/** Reads a scenario strictly: unknown keys, missing keys and dangling references are errors. */
public final class ScenarioLoader {

    private static final Set<String> STATUS_CATEGORIES = Set.of("new", "indeterminate", "done");
    private static final Set<String> TARGETS = Set.of("jira", "packaging", "ldap", "lucca", "teams", "sources", "push");
    private static final Set<String> AUTH_TYPES = Set.of("none", "basic", "bearer", "header", "oauth2");
    private static final Set<String> PAGINATE_TYPES = Set.of("none", "page", "offset", "cursor", "link");
    /** The issue fields the simulator serves itself; extra fields may not shadow them. */
    private static final Set<String> JIRA_FIELDS =
            Set.of("summary", "status", "assignee", "fixVersions", "project", "labels", "id", "key");

    private static final Pattern FIELD_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern JSON_PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public Scenario load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new ScenarioException("scenario " + file + ": no such file");
        } catch (IOException e) {
            throw new ScenarioException("scenario " + file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    public Scenario parse(InputStream in, String name) {
        Scenario scenario;
        try {
            scenario = mapper.readValue(in, Scenario.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ScenarioException("scenario " + name + ": unknown key at " + path(e) + e.getPropertyName());
        } catch (JacksonException e) {
            String at = path(e);
            throw new ScenarioException("scenario " + name + ": invalid value at " + (at.isEmpty() ? "$" : at) + " ("
                    + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        } catch (NullPointerException e) {
            throw new ScenarioException("scenario " + name + ": a list holds a null entry");
        }
        if (scenario == null) {
            throw new ScenarioException("scenario " + name + ": the file is empty");
        }
        new Validation(name).check(scenario);
        return scenario;
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder("$");
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append('.').append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        if (e instanceof UnrecognizedPropertyException) {
            // the last reference is the unknown key itself: the caller appends it
            int cut = path.lastIndexOf(".");
            return path.substring(0, cut + 1);
        }
        return path.toString();
    }

    /** Semantic checks; each failure names the JSON path. */
    private record Validation(String name) {

        void check(Scenario s) {
            require(
                    Scenario.FORMAT.equals(s.format()),
                    "$.format",
                    "must be \"" + Scenario.FORMAT + "\", found " + quote(s.format()));
            require(s.jira() != null, "$.jira", "is required");
            require(
                    s.jira().project() != null && notBlank(s.jira().project().key()),
                    "$.jira.project.key",
                    "is required");
            require(s.packaging() != null, "$.packaging", "is required");

            Map<String, Scenario.User> users = unique(s.users(), Scenario.User::email, "$.users", "email");
            Set<String> versions = unique(s.jira().versions(), Scenario.Version::name, "$.jira.versions", "name")
                    .keySet();
            Set<String> accountIds = new HashSet<>();
            for (int i = 0; i < s.users().size(); i++) {
                Scenario.User user = s.users().get(i);
                if (user.accountId() != null) {
                    require(
                            accountIds.add(user.accountId()),
                            "$.users[" + i + "].accountId",
                            "duplicates " + quote(user.accountId()));
                }
            }
            unique(s.jira().issues(), Scenario.Issue::key, "$.jira.issues", "key");
            for (int i = 0; i < s.jira().issues().size(); i++) {
                Scenario.Issue issue = s.jira().issues().get(i);
                String at = "$.jira.issues[" + i + "]";
                require(
                        issue.statusCategory() != null && STATUS_CATEGORIES.contains(issue.statusCategory()),
                        at + ".statusCategory",
                        "must be new, indeterminate or done, found " + quote(issue.statusCategory()));
                for (int v = 0; v < issue.fixVersions().size(); v++) {
                    require(
                            versions.contains(issue.fixVersions().get(v)),
                            at + ".fixVersions[" + v + "]",
                            "names no version of $.jira.versions: "
                                    + quote(issue.fixVersions().get(v)));
                }
                labelsAndFields(s.jira().fields(), issue, at);
                person(users, issue.assignee(), at + ".assignee");
                person(users, issue.qcAssignee(), at + ".qcAssignee");
                person(users, issue.codeReviewer(), at + ".codeReviewer");
            }
            Scenario.Packaging p = s.packaging();
            Set<String> releases = unique(p.releases(), Scenario.Release::name, "$.packaging.releases", "name")
                    .keySet();
            Set<String> crs = unique(p.changeRequests(), Scenario.ChangeRequest::id, "$.packaging.changeRequests", "id")
                    .keySet();
            unique(p.packages(), Scenario.Package::name, "$.packaging.packages", "name");
            for (int i = 0; i < p.tickets().size(); i++) {
                Scenario.Ticket ticket = p.tickets().get(i);
                String at = "$.packaging.tickets[" + i + "]";
                require(notBlank(ticket.key()), at + ".key", "is required");
                require(notBlank(ticket.fixVersion()), at + ".fixVersion", "is required");
                require(
                        releases.contains(ticket.releaseName()),
                        at + ".release",
                        "names no release of $.packaging.releases: " + quote(ticket.releaseName()));
                for (int c = 0; c < ticket.changeRequests().size(); c++) {
                    require(
                            crs.contains(ticket.changeRequests().get(c)),
                            at + ".changeRequests[" + c + "]",
                            "names no change request of $.packaging.changeRequests: "
                                    + quote(ticket.changeRequests().get(c)));
                }
            }
            for (int i = 0; i < s.absences().size(); i++) {
                Scenario.Absence absence = s.absences().get(i);
                String at = "$.absences[" + i + "]";
                person(users, absence.email(), at + ".email");
                require(
                        absence.from() != null
                                && absence.to() != null
                                && !absence.to().isBefore(absence.from()),
                        at,
                        "needs from <= to");
                require(
                        absence.halfDay() == null || Set.of("am", "pm").contains(absence.halfDay()),
                        at + ".halfDay",
                        "must be am or pm");
            }
            s.latencyMs()
                    .forEach((target, ms) -> require(
                            TARGETS.contains(target) && ms != null && ms >= 0,
                            "$.latencyMs." + target,
                            "must name one of " + TARGETS + " with a delay >= 0"));
            for (int i = 0; i < s.faults().size(); i++) {
                Scenario.Fault fault = s.faults().get(i);
                require(
                        fault.target() != null && TARGETS.contains(fault.target()),
                        "$.faults[" + i + "].target",
                        "must be one of " + TARGETS + ", found " + quote(fault.target()));
                require(
                        fault.status() != null || fault.kind() != null,
                        "$.faults[" + i + "]",
                        "needs a status or a kind");
            }
            Set<String> paths = new HashSet<>();
            Map<String, String> clientSecrets = new java.util.HashMap<>();
            for (int i = 0; i < s.endpoints().size(); i++) {
                endpoint(s.endpoints().get(i), "$.endpoints[" + i + "]", paths, clientSecrets);
            }
        }

        private void labelsAndFields(Scenario.Fields custom, Scenario.Issue issue, String at) {
            for (int l = 0; l < issue.labels().size(); l++) {
                String label = issue.labels().get(l);
                // Jira refuses blank labels and labels with spaces
                require(
                        notBlank(label) && label.chars().noneMatch(Character::isWhitespace),
                        at + ".labels[" + l + "]",
                        "must be a label without spaces, found " + quote(label));
            }
            Set<String> served = new HashSet<>(JIRA_FIELDS);
            served.add(custom.qcAssignee());
            served.add(custom.codeReviewer());
            served.add(custom.packages());
            if (custom.qcStatus() != null) {
                served.add(custom.qcStatus());
            }
            for (String id : issue.fields().keySet()) {
                require(
                        id != null && FIELD_ID.matcher(id).matches(),
                        at + ".fields",
                        "keys must be Jira field ids such as customfield_10500, found " + quote(id));
                require(
                        !served.contains(id),
                        at + ".fields." + id,
                        "is served from the issue's own keys or $.jira.fields; it cannot be set here");
            }
        }

        private void endpoint(
                Scenario.Endpoint endpoint, String at, Set<String> paths, Map<String, String> clientSecrets) {
            String path = endpoint.path();
            require(
                    notBlank(path) && path.startsWith("/") && !path.contains("?") && !path.contains("#"),
                    at + ".path",
                    "must be a path starting with / without a query, found " + quote(path));
            require(paths.add(path), at + ".path", "duplicates " + quote(path));
            require(!path.equals(SourcesSimulator.TOKEN_PATH), at + ".path", "is the sandbox's OAuth 2 token endpoint");
            require(
                    endpoint.method() == null || Set.of("GET", "POST").contains(endpoint.method()),
                    at + ".method",
                    "must be GET or POST, found " + quote(endpoint.method()));
            endpoint.query()
                    .forEach((param, value) -> require(
                            notBlank(param) && value != null,
                            at + ".query." + param,
                            "must be a parameter with a value"));
            auth(endpoint.auth(), at + ".auth", clientSecrets);
            paginate(endpoint, at);
            String contentType = endpoint.contentType();
            if (contentType != null) {
                require(notBlank(contentType), at + ".contentType", "must not be blank");
                boolean json = contentType.toLowerCase(java.util.Locale.ROOT).contains("json");
                require(
                        json || endpoint.body() instanceof String,
                        at + ".body",
                        "must be a string when contentType is not JSON");
            }
        }

        private void auth(Scenario.@Nullable Auth auth, String at, Map<String, String> clientSecrets) {
            if (auth == null) {
                return;
            }
            require(
                    auth.type() != null && AUTH_TYPES.contains(auth.type()),
                    at + ".type",
                    "must be one of none, basic, bearer, header, oauth2, found " + quote(auth.type()));
            Map<String, Object> keys = new java.util.LinkedHashMap<>();
            keys.put("token", auth.token());
            keys.put("user", auth.user());
            keys.put("password", auth.password());
            keys.put("name", auth.name());
            keys.put("value", auth.value());
            keys.put("clientId", auth.clientId());
            keys.put("clientSecret", auth.clientSecret());
            keys.put("scope", auth.scope());
            keys.put("expiresInS", auth.expiresInS());
            List<String> required = switch (auth.type()) {
                case "bearer" -> List.of("token");
                case "basic" -> List.of("user", "password");
                case "header" -> List.of("name", "value");
                case "oauth2" -> List.of("clientId", "clientSecret");
                default -> List.of();
            };
            Set<String> allowed = new HashSet<>(required);
            if (auth.type().equals("oauth2")) {
                allowed.addAll(List.of("scope", "expiresInS"));
            }
            keys.forEach((key, value) -> {
                if (required.contains(key)) {
                    require(value instanceof String text && notBlank(text), at + "." + key, "is required");
                } else if (!allowed.contains(key)) {
                    require(value == null, at + "." + key, "is not a key of " + auth.type() + " auth");
                }
            });
            if (auth.type().equals("basic")) {
                // RFC 7617: the user-id cannot hold a colon
                require(!auth.user().contains(":"), at + ".user", "cannot contain ':'");
            }
            if (auth.type().equals("header")) {
                require(
                        HEADER_NAME.matcher(auth.name()).matches()
                                && !auth.name().equalsIgnoreCase("Authorization"),
                        at + ".name",
                        "must be a header name other than Authorization, found " + quote(auth.name()));
            }
            if (auth.type().equals("oauth2")) {
                require(auth.expiresInS() == null || auth.expiresInS() > 0, at + ".expiresInS", "must be > 0");
                String known = clientSecrets.putIfAbsent(auth.clientId(), auth.clientSecret());
                require(
                        known == null || known.equals(auth.clientSecret()),
                        at + ".clientSecret",
                        "differs from another endpoint's secret for client " + quote(auth.clientId()));
            }
        }

        private void paginate(Scenario.Endpoint endpoint, String at) {
            Scenario.Paginate p = endpoint.paging();
            String pat = at + ".paginate";
            require(
                    p.type() != null && PAGINATE_TYPES.contains(p.type()),
                    pat + ".type",
                    "must be one of none, page, offset, cursor, link, found " + quote(p.type()));
            boolean none = p.type().equals("none");
            if (none) {
                require(
                        endpoint.items() == null || endpoint.body() == null,
                        at,
                        "has both items and body; serve one of them");
                require(endpoint.items() != null || endpoint.body() != null, at, "needs items or a body");
                require(
                        p.param() == null
                                && p.sizeParam() == null
                                && p.start() == null
                                && p.maxSize() == null
                                && p.defaultSize() == null
                                && p.cursorField() == null,
                        pat,
                        "of type none takes no paging options");
            } else {
                require(endpoint.items() != null, at + ".items", "is required when paginate.type is " + p.type());
                require(endpoint.body() == null, at + ".body", "is only served by paginate.type none");
                require(
                        endpoint.contentType() == null
                                || endpoint.contentType()
                                        .toLowerCase(java.util.Locale.ROOT)
                                        .contains("json"),
                        at + ".contentType",
                        "must be JSON when the items are paged");
            }
            require(p.param() == null || notBlank(p.param()), pat + ".param", "must not be blank");
            require(p.sizeParam() == null || notBlank(p.sizeParam()), pat + ".sizeParam", "must not be blank");
            require(none || !p.paramName().equals(p.sizeParamName()), pat + ".sizeParam", "must differ from param");
            require(
                    p.start() == null || (p.type().matches("page|link") && (p.start() == 0 || p.start() == 1)),
                    pat + ".start",
                    "must be 0 or 1, for page or link paging only");
            require(p.maxSize() == null || p.maxSize() >= 1, pat + ".maxSize", "must be >= 1");
            require(
                    p.defaultSize() == null || (p.defaultSize() >= 1 && p.defaultSize() <= p.maxPageSize()),
                    pat + ".defaultSize",
                    "must be between 1 and maxSize");
            require(
                    p.itemsField() == null || JSON_PATH.matcher(p.itemsField()).matches(),
                    pat + ".itemsField",
                    "must be a dotted field path such as data.items, found " + quote(p.itemsField()));
            require(
                    p.itemsField() == null || !p.type().equals("none") || endpoint.items() != null,
                    pat + ".itemsField",
                    "wraps items, not a body");
            require(
                    p.cursorField() == null
                            || (p.type().equals("cursor")
                                    && JSON_PATH.matcher(p.cursorField()).matches()),
                    pat + ".cursorField",
                    "must be a dotted field path, for cursor paging only");
            require(
                    p.cursorField() == null || !p.cursorField().equals(p.itemsField()),
                    pat + ".cursorField",
                    "must differ from itemsField");
            require(
                    none
                            || endpoint.query().keySet().stream()
                                    .noneMatch(q -> q.equals(p.paramName()) || q.equals(p.sizeParamName())),
                    at + ".query",
                    "cannot require a paging parameter");
        }

        private void person(Map<String, Scenario.User> users, String email, String at) {
            require(email == null || users.containsKey(email), at, "names no user of $.users: " + quote(email));
        }

        private <T> Map<String, T> unique(List<T> items, Function<T, String> key, String at, String field) {
            for (int i = 0; i < items.size(); i++) {
                require(notBlank(key.apply(items.get(i))), at + "[" + i + "]." + field, "is required");
            }
            Map<String, Long> counts = items.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
            for (int i = 0; i < items.size(); i++) {
                String value = key.apply(items.get(i));
                require(counts.get(value) == 1, at + "[" + i + "]." + field, "duplicates " + quote(value));
            }
            return items.stream().collect(Collectors.toMap(key, Function.identity()));
        }

        private void require(boolean condition, String at, String problem) {
            if (!condition) {
                throw new ScenarioException("scenario " + name + ": " + at + " " + problem);
            }
        }

        private static boolean notBlank(String text) {
            return text != null && !text.isBlank();
        }

        private static String quote(String text) {
            return text == null ? "nothing" : "\"" + text + "\"";
        }
    }
}
