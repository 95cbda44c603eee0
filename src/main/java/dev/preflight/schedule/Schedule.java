package dev.preflight.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A stored rule: when (cron, zone, parity) and what (project, a fixed release or the next one,
 * steps to skip, Teams).
 */
public record Schedule(
        UUID id,
        String name,
        String cron,
        ZoneId zone,
        WeekParity parity,
        String project,
        @Nullable String release,
        String skip,
        boolean teams,
        boolean mentions,
        @Nullable String thread,
        boolean enabled,
        Instant createdAt) {

    public Schedule {
        new FireTimes(cron, zone, parity); // refuses a bad rule before it is stored
        if (name.isBlank()) {
            throw new IllegalArgumentException("a schedule needs a name");
        }
    }

    public FireTimes fireTimes() {
        return new FireTimes(cron, zone, parity);
    }
}
