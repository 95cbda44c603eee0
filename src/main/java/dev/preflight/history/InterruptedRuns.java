package dev.preflight.history;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/** Every server node looks for runs whose node died and marks them interrupted, within a minute. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class InterruptedRuns {

    private static final Logger log = LoggerFactory.getLogger(InterruptedRuns.class);

    private final ObjectProvider<ExecutionHistory> history;
    private final Duration timeout;

    private final dev.preflight.continuity.DatabaseMode database;
    private final Duration interval;

    InterruptedRuns(
            dev.preflight.continuity.DatabaseMode database,
            ObjectProvider<ExecutionHistory> history,
            @Value("${preflight.heartbeat-timeout:45s}") Duration timeout,
            @Value("${preflight.heartbeat-interval:10s}") Duration interval) {
        this.interval = interval;
        this.database = database;
        this.history = history;
        this.timeout = timeout;
    }

    @Scheduled(
            initialDelayString = "${preflight.heartbeat-check:15s}",
            fixedDelayString = "${preflight.heartbeat-check:15s}")
    void reap() {
        // nothing is written while the database has no primary; once it has one again, live runs get
        // two beats' time to show they are alive before any is judged abandoned
        if (!database.writableFor(interval.multipliedBy(2), java.time.Instant.now())) {
            return;
        }
        List<UUID> interrupted = history.getObject().interruptAbandoned(timeout);
        if (!interrupted.isEmpty()) {
            log.warn(
                    "marked {} execution(s) interrupted: their node stopped beating: {}",
                    interrupted.size(),
                    interrupted);
        }
    }
}
