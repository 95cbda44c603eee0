package dev.preflight.custom;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One source of a definitions document: exactly one of {@code http}, {@code jdbc} or
 * {@code jiraFields} (the built-in Jira source, with the extra fields it reads).
 *
 * @param transform a JSONata expression over the answer; {@code $} keeps it as it is
 */
public record SourceDefinition(
        String name,
        @Nullable HttpSpec http,
        @Nullable JdbcSpec jdbc,
        @Nullable List<String> jiraFields,
        String transform) {

    public enum Kind {
        HTTP,
        JDBC,
        JIRA
    }

    public Kind kind() {
        return http != null ? Kind.HTTP : jdbc != null ? Kind.JDBC : Kind.JIRA;
    }
}
