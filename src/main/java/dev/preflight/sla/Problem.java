package dev.preflight.sla;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A finding followed across a release's executions.
 *
 * @param subject the ticket, or {@code release} for a finding about the release as a whole
 * @param cycle 1 when it first opened, one more each time it came back after being resolved
 * @param openedAt when this cycle opened (the report that showed it): the clocks count from here
 */
public record Problem(
        UUID id,
        String project,
        String release,
        String category,
        String subject,
        @Nullable String summary,
        @Nullable String detail,
        String severity,
        SlaClass slaClass,
        @Nullable String assignee,
        int cycle,
        Instant firstOpenedAt,
        Instant openedAt,
        @Nullable Instant resolvedAt,
        @Nullable Instant acknowledgedAt,
        @Nullable String acknowledgedBy,
        @Nullable String acknowledgement,
        @Nullable Instant workaroundAt,
        @Nullable String workaroundBy,
        @Nullable String workaround) {

    public static final String RELEASE = "release";

    public boolean open() {
        return resolvedAt == null;
    }
}
