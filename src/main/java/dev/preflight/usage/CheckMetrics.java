package dev.preflight.usage;

import dev.preflight.check.Category;
import dev.preflight.history.Execution;
import dev.preflight.run.CheckRuns;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Checks as Prometheus sees them: how many ended, by trigger and outcome; how long they took; the
 * findings per category of each project's latest complete check (as this node saw it: take the
 * {@code max} across nodes); and SLA escalations sent.
 */
@Component
class CheckMetrics {

    private final MeterRegistry meters;
    private final MultiGauge findings;
    private final Map<String, Map<Category, Integer>> latest = new ConcurrentHashMap<>();

    CheckMetrics(java.util.Optional<MeterRegistry> meters) {
        // a command line run without metrics counts into nothing kept
        this.meters = meters.orElseGet(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
        this.findings = MultiGauge.builder("preflight.findings")
                .description("Findings of the latest complete check of each project, by category")
                .register(this.meters);
        // present from the start, so that alerts over them see a zero rather than nothing
        for (String threshold : java.util.List.of("warning", "breach")) {
            this.meters.counter("preflight.sla.escalations", "threshold", threshold);
        }
    }

    @EventListener
    void on(CheckRuns.CheckEnded ended) {
        Execution e = ended.execution();
        meters.counter(
                        "preflight.checks",
                        "trigger",
                        e.trigger().key(),
                        "outcome",
                        e.status().key())
                .increment();
        if (e.endedAt() != null) {
            Timer.builder("preflight.check.duration")
                    .description("How long checks take, from start to end")
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(100))
                    .maximumExpectedValue(Duration.ofMinutes(30))
                    .register(meters)
                    .record(Duration.between(e.startedAt(), e.endedAt()));
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
        latest.put(stored.report().project(), Map.copyOf(stored.report().summary()));
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        latest.forEach((project, summary) -> summary.forEach((category, count) ->
                rows.add(MultiGauge.Row.of(Tags.of("project", project, "category", category.key()), count))));
        findings.register(rows, true);
    }
}
