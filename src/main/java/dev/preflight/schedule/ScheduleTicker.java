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

    ScheduleTicker(ObjectProvider<ScheduleRunner> runner) {
        this.runner = runner;
    }

    @Scheduled(
            initialDelayString = "${preflight.schedule.tick:10s}",
            fixedDelayString = "${preflight.schedule.tick:10s}")
    void tick() {
        runner.getObject().tick();
    }
}
