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
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/** Reads a scenario strictly: unknown keys, missing keys and dangling references are errors. */
public final class ScenarioLoader {

    private static final Set<String> STATUS_CATEGORIES = Set.of("new", "indeterminate", "done");
    private static final Set<String> TARGETS = Set.of("jira", "packaging", "ldap", "lucca", "teams");

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
