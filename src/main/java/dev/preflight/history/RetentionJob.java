package dev.preflight.history;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Applies the retention rule every day (in the server; one-shot CLI commands do not schedule). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final ExecutionHistory history;
    private final HistoryProperties properties;

    private final dev.preflight.continuity.DatabaseMode database;

    RetentionJob(
            dev.preflight.continuity.DatabaseMode database, ExecutionHistory history, HistoryProperties properties) {
        this.database = database;
        this.history = history;
        this.properties = properties;
    }

    @Scheduled(cron = "${preflight.history.retention-cron:0 30 3 * * *}")
    void apply() {
        if (database.readOnly()) {
            return; // nothing is written while the database has no primary
        }
        int deleted = history.applyRetention(properties.keep(), properties.maxAge());
        if (deleted > 0) {
            log.info(
                    "retention: deleted {} execution(s) beyond the newest {} per release and older than {}",
                    deleted,
                    properties.keep(),
                    properties.maxAge());
        }
    }
}
