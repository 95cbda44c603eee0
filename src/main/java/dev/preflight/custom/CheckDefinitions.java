package dev.preflight.custom;

import java.util.List;
import java.util.Optional;

/** A whole definitions document ({@code preflight-checks/1}), validated. */
public record CheckDefinitions(List<SourceDefinition> sources, List<CheckDefinition> checks) {

    public static final String FORMAT = "preflight-checks/1";
    public static final CheckDefinitions NONE = new CheckDefinitions(List.of(), List.of());

    public CheckDefinitions {
        sources = List.copyOf(sources);
        checks = List.copyOf(checks);
    }

    public Optional<SourceDefinition> source(String name) {
        return sources.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<CheckDefinition> check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The extra Jira fields the checks read, added to the bulk reads the built-in checks make. */
    public List<String> jiraFields() {
        return sources.stream()
                .filter(s -> s.jiraFields() != null)
                .flatMap(s -> s.jiraFields().stream())
                .distinct()
                .toList();
    }
}
