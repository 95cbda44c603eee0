package dev.preflight.run;

import dev.preflight.check.ReleaseReport;
import dev.preflight.history.Execution;
import dev.preflight.history.ExecutionHistory;
import dev.preflight.history.ExecutionStatus;
import dev.preflight.report.CheckProgress;
import dev.preflight.report.CheckRequest;
import dev.preflight.report.ReleaseReporter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The one way a check runs, whoever asks (CLI, web, API, schedule): it frees what dead runs left
 * behind, claims the release (one check per release at a time, across nodes and processes),
 * records the execution with who triggered it, beats while it runs, can be cancelled or stopped,
 * stores the report, then announces it with {@link ReportStored} (Teams listens to that).
 */
@Service
public class CheckRuns {

    private static final Logger log = LoggerFactory.getLogger(CheckRuns.class);

    private final ReleaseReporter reporter;
    private final ExecutionHistory history;
    private final ApplicationEventPublisher events;
    private final Duration heartbeat;
    private final Duration heartbeatTimeout;
    private final Map<UUID, Running> running = new ConcurrentHashMap<>();

    CheckRuns(
            ReleaseReporter reporter,
            ExecutionHistory history,
            ApplicationEventPublisher events,
            @Value("${preflight.heartbeat-interval:10s}") Duration heartbeat,
            @Value("${preflight.heartbeat-timeout:45s}") Duration heartbeatTimeout) {
        this.reporter = reporter;
        this.history = history;
        this.events = events;
        this.heartbeat = heartbeat;
        this.heartbeatTimeout = heartbeatTimeout;
    }

    /** A started check, or the one already running for that release. */
    public sealed interface Launch {
        UUID execution();

        String release();
    }

    /** Started: {@code outcome} completes once the report is stored and announced, or with the failure. */
    public record Started(UUID execution, String release, CompletableFuture<Outcome> outcome) implements Launch {}

    public record AlreadyRunning(UUID execution, String release) implements Launch {}

    /** The stored execution (as it stands after the Teams step) and its report. */
    public record Outcome(Execution execution, ReleaseReport report) {}

    /**
     * Published once an execution's report is stored and its release freed. Listeners run in the
     * check's thread before {@link Started#outcome()} completes, so the CLI can say how the Teams
     * step went; the Teams outbox keeps what could not be sent for a later retry.
     */
    public record ReportStored(Execution execution, ReleaseReport report, CheckOrder.Teams teams) {}

    /** A check has ended, however it ended, its Teams step included: the execution as stored. */
    public record CheckEnded(Execution execution) {}

    /** Why a running check was asked to stop: by a person (cancelled) or by its process ending (interrupted). */
    private record Stop(ExecutionStatus status, String reason) {}

    private static final class Running {
        private final Thread thread;
        private volatile @Nullable Stop stop;

        Running(Thread thread) {
            this.thread = thread;
        }
    }

    /**
     * Starts the check in the background. Resolves "the next release" first so the claim names a
     * real release; a refused start leaves nothing behind.
     */
    public Launch start(CheckOrder order) {
        freeAbandoned();
        CheckRequest request = order.request();
        String project = request.project();
        String release = request.release() != null
                ? request.release()
                : reporter.nextRelease(project).name();
        CheckRequest resolved = new CheckRequest(project, release, request.skipped());
        Execution execution =
                history.start(project, release, order.trigger(), order.triggeredBy(), order.recordedOptions());
        Optional<UUID> holder = history.claim(project, release, execution.id());
        if (holder.isPresent()) {
            history.delete(execution.id());
            return new AlreadyRunning(holder.get(), release);
        }
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        Thread thread = Thread.ofVirtual().name("check-" + execution.id()).unstarted(() -> {
            try {
                outcome.complete(run(execution, resolved, order));
            } catch (RuntimeException | Error e) {
                outcome.completeExceptionally(e);
            } finally {
                running.remove(execution.id());
            }
        });
        running.put(execution.id(), new Running(thread));
        thread.start();
        return new Started(execution.id(), release, outcome);
    }

    /** Asks a running check to stop as cancelled by a person; its probe and managed server are cleaned up as it unwinds. */
    public boolean cancel(UUID execution) {
        return stop(execution, new Stop(ExecutionStatus.CANCELLED, "cancelled by a user"), "Cancel requested");
    }

    /** Asks a running check to stop because its process is ending; it ends interrupted with this reason. */
    public boolean interrupt(UUID execution, String reason) {
        return stop(execution, new Stop(ExecutionStatus.INTERRUPTED, reason), reason);
    }

    private boolean stop(UUID execution, Stop stop, String logLine) {
        Running run = running.get(execution);
        if (run == null) {
            return false;
        }
        run.stop = stop;
        history.log(execution, "WARN", logLine);
        run.thread.interrupt();
        return true;
    }

    private @Nullable Stop stopOf(UUID execution) {
        Running run = running.get(execution);
        return run == null ? null : run.stop;
    }

    /** Runs that died with their node or process are marked interrupted and their releases freed. */
    private void freeAbandoned() {
        try {
            // a run its node left behind ended too: counted like any other
            history.interruptAbandoned(heartbeatTimeout).forEach(this::ended);
        } catch (RuntimeException e) {
            log.warn("could not look for abandoned runs: {}", e.getMessage());
        }
    }

    private Outcome run(Execution execution, CheckRequest request, CheckOrder order) {
        UUID id = execution.id();
        CheckProgress progress = order.progress();
        CheckProgress recorded = new CheckProgress() {
            @Override
            public void step(String description) {
                history.log(id, "INFO", description);
                progress.step(description);
            }

            @Override
            public void advance(String what, long done, long total) {
                progress.advance(what, done, total);
            }
        };
        ReleaseReport report;
        Execution stored;
        AtomicBoolean done = new AtomicBoolean();
        Thread beating = beat(id, done);
        try {
            report = reporter.run(request, recorded);
            if (stopOf(id) != null) {
                // asked to stop, but a tolerant step (absences, directory) swallowed the interrupt
                throw new IllegalStateException("stopped before the report was stored");
            }
            report.notes().forEach(note -> history.log(id, "WARN", note));
            history.log(id, "INFO", "Report ready: " + report.findings().size() + " findings");
            stored = history.finish(id, report, ExecutionStatus.SUCCESS, null);
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            Stop stop = stopOf(id);
            if (stop == null) {
                history.log(id, "ERROR", reason);
                history.fail(
                        id, ExecutionStatus.ERROR, reason.lines().findFirst().orElse(reason));
            } else {
                history.log(id, "WARN", stop.status() == ExecutionStatus.CANCELLED ? "Cancelled" : stop.reason());
                history.fail(id, stop.status(), stop.reason());
            }
            ended(id);
            throw e;
        } finally {
            done.set(true);
            beating.interrupt();
            history.releaseClaim(request.project(), request.release(), id);
        }
        events.publishEvent(new ReportStored(stored, report, order.teams()));
        Execution finished = ended(id);
        return new Outcome(finished != null ? finished : history.get(id), report);
    }

    /** Tells who counts checks that this one ended; counting never changes how it ended. */
    private @Nullable Execution ended(UUID id) {
        try {
            Execution finished = history.get(id);
            events.publishEvent(new CheckEnded(finished));
            return finished;
        } catch (RuntimeException e) {
            log.warn("end of execution {} not announced: {}", id, e.getMessage());
            return null;
        }
    }

    /** The execution beats while it runs: a node or process that dies leaves a stale beat for others to see. */
    private Thread beat(UUID id, AtomicBoolean done) {
        history.beat(id);
        return Thread.ofVirtual().name("beat-" + id).start(() -> {
            while (!done.get()) {
                try {
                    Thread.sleep(heartbeat);
                    if (!done.get()) {
                        history.beat(id);
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // a missed beat is survivable; a run of them is what marks the run interrupted
                }
            }
        });
    }
}
