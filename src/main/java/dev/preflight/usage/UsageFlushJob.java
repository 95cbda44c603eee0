package dev.preflight.usage;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Each server node writes what it counted every {@code preflight.usage.flush}. */
@Component
@ConditionalOnWebApplication
class UsageFlushJob {

    private final UsageCounts counts;

    private final dev.preflight.continuity.DatabaseMode database;

    UsageFlushJob(dev.preflight.continuity.DatabaseMode database, UsageCounts counts) {
        this.database = database;
        this.counts = counts;
    }

    @Scheduled(fixedDelayString = "${preflight.usage.flush:30s}", initialDelayString = "${preflight.usage.flush:30s}")
    void tick() {
        if (database.readOnly()) {
            return; // nothing is written while the database has no primary
        }
        counts.flush();
    }
}
