package dev.preflight.usage;

import dev.preflight.history.Execution;
import dev.preflight.history.ExecutionHistory;
import dev.preflight.history.ExecutionStatus;
import dev.preflight.history.Trigger;
import dev.preflight.run.CheckRuns;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Checks as Prometheus sees them: how many ended, by trigger and outcome; how long they took; the
 * findings per category of each project's latest complete check (read from the database, so every
 * node says the same); and SLA escalations sent. Counters exist at zero from the start, so that
 * {@code increase()} sees a node's first failure.
 */
@Component
class CheckMetrics {

    private static final Logger log = LoggerFactory.getLogger(CheckMetrics.class);

    private final MeterRegistry meters;
    private final ExecutionHistory history;
    private final MultiGauge findings;
    private final Timer duration;

    CheckMetrics(Optional<MeterRegistry> meters, ExecutionHistory history) {
        // a command line run without metrics counts into nothing kept
        this.meters = meters.orElseGet(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
        this.history = history;
        this.findings = MultiGauge.builder("preflight.findings").register(this.meters);
        this.duration = Timer.builder("preflight.check.duration")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(100))
                .maximumExpectedValue(Duration.ofMinutes(30))
                .register(this.meters);
        for (Trigger trigger : Trigger.values()) {
            for (ExecutionStatus status : ExecutionStatus.values()) {
                if (status != ExecutionStatus.RUNNING) {
                    checks(trigger, status);
                }
            }
        }
        for (String threshold : List.of("warning", "breach")) {
            this.meters.counter("preflight.sla.escalations", "threshold", threshold);
        }
    }

    private io.micrometer.core.instrument.Counter checks(Trigger trigger, ExecutionStatus status) {
        return meters.counter("preflight.checks", "trigger", trigger.key(), "outcome", status.key());
    }

    @EventListener
    void on(CheckRuns.CheckEnded ended) {
        Execution e = ended.execution();
        checks(e.trigger(), e.status()).increment();
        if (e.endedAt() != null) {
            duration.record(Duration.between(e.startedAt(), e.endedAt()));
        }
    }

    /** An SLA threshold passed (sent once across the nodes): {@code warning} at 75 %, {@code breach}. */
    @EventListener
    void on(dev.preflight.sla.Escalations.Escalated escalated) {
        meters.counter("preflight.sla.escalations", "threshold", escalated.breached() ? "breach" : "warning")
                .increment();
    }

    @EventListener
    void on(CheckRuns.ReportStored stored) {
        refreshFindings();
    }

    /** Another node's checks show here too, within the flush interval. */
    @Scheduled(fixedDelayString = "${preflight.usage.flush:30s}", initialDelayString = "5s")
    void refreshFindings() {
        try {
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (ExecutionHistory.LatestFindings latest : history.latestFindings()) {
                latest.byCategory()
                        .forEach((category, count) -> rows.add(
                                MultiGauge.Row.of(Tags.of("project", latest.project(), "category", category), count)));
            }
            findings.register(rows, true);
        } catch (RuntimeException e) {
            log.debug("findings gauge not refreshed: {}", e.getMessage());
        }
    }
}
