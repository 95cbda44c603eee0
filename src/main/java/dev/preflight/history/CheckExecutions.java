package dev.preflight.history;

import dev.preflight.check.ReleaseReport;
import dev.preflight.report.CheckProgress;
import dev.preflight.report.CheckRequest;
import dev.preflight.report.ReleaseReporter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** Runs a check as a recorded execution: started, logged step by step, then finished or failed. */
@Service
public class CheckExecutions {

    private final ReleaseReporter reporter;
    private final ExecutionHistory history;

    /** How often a running execution beats; the reaper's timeout must be several of these. */
    private final java.time.Duration heartbeat;

    CheckExecutions(
            ReleaseReporter reporter,
            ExecutionHistory history,
            @org.springframework.beans.factory.annotation.Value("${preflight.heartbeat-interval:10s}")
                    java.time.Duration heartbeat) {
        this.reporter = reporter;
        this.history = history;
        this.heartbeat = heartbeat;
    }

    /** The stored execution and its report. */
    public record Outcome(Execution execution, ReleaseReport report) {}

    /**
     * Runs the check; the execution is stored whatever happens. A failure is recorded with its
     * one-line reason and then rethrown for the caller to report.
     */
    public Outcome run(
            CheckRequest request,
            Trigger trigger,
            @Nullable String who,
            Map<String, ?> extraOptions,
            CheckProgress progress) {
        Map<String, Object> options = new LinkedHashMap<>(extraOptions);
        options.put("resync", request.runs(CheckRequest.Step.RESYNC));
        options.put("outdated", request.runs(CheckRequest.Step.OUTDATED));
        Execution execution = history.start(request.project(), request.release(), trigger, who, options);
        return runStarted(execution, request, progress, () -> false);
    }

    /**
     * Runs the check of an execution already recorded as running. When {@code cancelled} says so
     * at the end of a failed run, it ends {@code cancelled} rather than {@code error}.
     */
    public Outcome runStarted(
            Execution execution, CheckRequest request, CheckProgress progress, BooleanSupplier cancelled) {
        CheckProgress recorded = new CheckProgress() {
            @Override
            public void step(String description) {
                history.log(execution.id(), "INFO", description);
                progress.step(description);
            }

            @Override
            public void advance(String what, long done, long total) {
                progress.advance(what, done, total);
            }
        };
        // the execution beats while it runs: a node that dies leaves a stale beat for others to see
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        history.beat(execution.id());
        Thread beating = Thread.ofVirtual().name("beat-" + execution.id()).start(() -> {
            while (!done.get()) {
                try {
                    Thread.sleep(heartbeat);
                    if (!done.get()) {
                        history.beat(execution.id());
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // a missed beat is survivable; a minute of them is what marks the run interrupted
                }
            }
        });
        try {
            ReleaseReport report = reporter.run(request, recorded);
            report.notes().forEach(note -> history.log(execution.id(), "WARN", note));
            history.log(
                    execution.id(), "INFO", "Report ready: " + report.findings().size() + " findings");
            return new Outcome(history.finish(execution.id(), report, ExecutionStatus.SUCCESS, null), report);
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            boolean stopped = cancelled.getAsBoolean();
            history.log(execution.id(), stopped ? "WARN" : "ERROR", stopped ? "Cancelled" : reason);
            history.fail(
                    execution.id(),
                    stopped ? ExecutionStatus.CANCELLED : ExecutionStatus.ERROR,
                    stopped ? "cancelled by a user" : reason.lines().findFirst().orElse(reason));
            throw e;
        } finally {
            done.set(true);
            beating.interrupt();
        }
    }
}
