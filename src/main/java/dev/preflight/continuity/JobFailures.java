package dev.preflight.continuity;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.task.SimpleAsyncTaskSchedulerCustomizer;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ErrorHandler;

/**
 * A scheduled job that fails because the primary went (a tick that reached a server demoted a
 * moment before, a heartbeat cut mid-write) turns the node read-only at once and says so in one
 * line; the job runs again once writes return. Any other failure is logged whole, as Spring does.
 */
@Configuration(proxyBeanMethods = false)
class JobFailures {

    private static final Logger log = LoggerFactory.getLogger(JobFailures.class);

    @Bean
    ThreadPoolTaskSchedulerCustomizer jobFailuresOnThePool(DatabaseMode mode, Optional<Clock> clock) {
        return scheduler -> scheduler.setErrorHandler(handler(mode, clock.orElse(Clock.systemUTC())));
    }

    @Bean
    SimpleAsyncTaskSchedulerCustomizer jobFailuresOnVirtualThreads(DatabaseMode mode, Optional<Clock> clock) {
        return scheduler -> scheduler.setErrorHandler(handler(mode, clock.orElse(Clock.systemUTC())));
    }

    static ErrorHandler handler(DatabaseMode mode, Clock clock) {
        return failure -> {
            if (ConnectionLoss.lostPrimary(failure)) {
                Instant now = clock.instant();
                mode.noPrimary(now);
                log.warn("a scheduled job stopped: the database lost its primary ({})", reason(failure));
            } else {
                log.error("Unexpected error occurred in scheduled task", failure);
            }
        };
    }

    /** The deepest cause's first line: the server's own words, without the statement. */
    private static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        return message.lines().findFirst().orElse(message);
    }
}
