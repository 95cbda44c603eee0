package dev.preflight.history;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Which stored findings to read: by execution, by release (project and release), by ticket; null matches all. */
public record FindingQuery(
        @Nullable UUID execution,
        @Nullable String project,
        @Nullable String release,
        @Nullable String ticket) {

    public static FindingQuery ofExecution(UUID execution) {
        return new FindingQuery(execution, null, null, null);
    }

    public static FindingQuery ofTicket(String ticket) {
        return new FindingQuery(null, null, null, ticket);
    }
}
