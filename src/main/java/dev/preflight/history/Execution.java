package dev.preflight.history;

import dev.preflight.check.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One run of the check as history keeps it. {@code options} and {@code summary} are small JSON
 * objects; {@code verdict} is there once there is a report; {@code report} is the report JSON (preflight-report/1) once there is one.
 */
public record Execution(
        UUID id,
        String project,
        @Nullable String release,
        @Nullable String packagingRelease,
        Trigger trigger,
        @Nullable String triggeredBy,
        Instant startedAt,
        @Nullable Instant endedAt,
        ExecutionStatus status,
        String options,
        @Nullable String summary,
        @Nullable Verdict verdict,
        @Nullable String report,
        @Nullable String error) {

    public @Nullable Duration duration() {
        return endedAt == null ? null : Duration.between(startedAt, endedAt);
    }
}
