package dev.preflight.schedule;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/** The server's clock for schedules; one-shot CLI commands never run stored schedules. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ScheduleTicker {

    private final ObjectProvider<ScheduleRunner> runner;
    private final dev.preflight.continuity.DatabaseMode database;

    ScheduleTicker(ObjectProvider<ScheduleRunner> runner, dev.preflight.continuity.DatabaseMode database) {
        this.runner = runner;
        this.database = database;
    }

    @Scheduled(
            initialDelayString = "${preflight.schedule.tick:10s}",
            fixedDelayString = "${preflight.schedule.tick:10s}")
    void tick() {
        // without a primary no fire can be claimed: none runs blind; once writes return, each runs
        // if still within its grace period, else is recorded as missed (the claim keeps it to once)
        if (database.readOnly()) {
            return;
        }
        runner.getObject().tick();
    }
}
