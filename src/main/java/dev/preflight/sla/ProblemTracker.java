package dev.preflight.sla;

import dev.preflight.run.CheckRuns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Each stored report updates its release's problems before Teams is told, so a card's links find
 * them. Synchronous, as the Teams step is: a check's end means its problems are up to date.
 */
@Component
class ProblemTracker {

    private static final Logger log = LoggerFactory.getLogger(ProblemTracker.class);

    private final Problems problems;

    ProblemTracker(Problems problems) {
        this.problems = problems;
    }

    @EventListener
    @Order(0)
    void on(CheckRuns.ReportStored stored) {
        try {
            problems.track(
                    stored.execution().id(),
                    stored.report(),
                    stored.teams().post() ? stored.teams().threadRootId() : null);
        } catch (RuntimeException e) {
            // the report is stored and stands; the next check brings the problems up to date
            log.warn(
                    "problems of {} {} not updated: {}",
                    stored.report().project(),
                    stored.report().release(),
                    e.getMessage());
        }
    }
}
