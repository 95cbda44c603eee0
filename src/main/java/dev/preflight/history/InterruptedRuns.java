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

    InterruptedRuns(
            ObjectProvider<ExecutionHistory> history, @Value("${preflight.heartbeat-timeout:45s}") Duration timeout) {
        this.history = history;
        this.timeout = timeout;
    }

    @Scheduled(
            initialDelayString = "${preflight.heartbeat-check:15s}",
            fixedDelayString = "${preflight.heartbeat-check:15s}")
    void reap() {
        List<UUID> interrupted = history.getObject().interruptAbandoned(timeout);
        if (!interrupted.isEmpty()) {
            log.warn(
                    "marked {} execution(s) interrupted: their node stopped beating: {}",
                    interrupted.size(),
                    interrupted);
        }
    }
}
