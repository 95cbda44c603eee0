package dev.preflight.history;

import dev.preflight.report.CheckProgress;
import dev.preflight.report.CheckRequest;
import dev.preflight.report.ReleaseReporter;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Starts checks in the background for the web UI and the API: one per release at a time (claimed
 * in the database, so across nodes too), each cancellable while it runs.
 */
@Service
public class CheckLauncher {

    private static final Logger log = LoggerFactory.getLogger(CheckLauncher.class);

    private final ReleaseReporter reporter;
    private final CheckExecutions checks;
    private final ExecutionHistory history;
    private final ReleaseLocks locks;
    private final Map<UUID, Thread> running = new ConcurrentHashMap<>();
    private final java.util.Set<UUID> cancelled = ConcurrentHashMap.newKeySet();

    CheckLauncher(ReleaseReporter reporter, CheckExecutions checks, ExecutionHistory history, ReleaseLocks locks) {
        this.reporter = reporter;
        this.checks = checks;
        this.history = history;
        this.locks = locks;
    }

    /** A started check, or the one already running for that release. */
    public sealed interface Launch {
        UUID execution();
    }

    public record Started(UUID execution, String release) implements Launch {}

    public record AlreadyRunning(UUID execution, String release) implements Launch {}

    /**
     * Starts the check; {@code afterwards} runs with the outcome once it succeeded (e.g. to
     * notify Teams). Resolves "the next release" first so the claim names a real release.
     */
    public Launch launch(
            CheckRequest request,
            Trigger trigger,
            @Nullable String who,
            Map<String, ?> options,
            Consumer<CheckExecutions.Outcome> afterwards) {
        String release = request.release() != null
                ? request.release()
                : reporter.nextRelease(request.project()).name();
        CheckRequest resolved = new CheckRequest(request.project(), release, request.skipped());
        Execution execution = history.start(request.project(), release, trigger, who, options);
        Optional<UUID> holder = locks.claim(request.project(), release, execution.id(), history.now());
        if (holder.isPresent()) {
            history.delete(execution.id()); // a refused start leaves nothing behind
            return new AlreadyRunning(holder.get(), release);
        }
        Thread thread = Thread.ofVirtual().name("check-" + execution.id()).unstarted(() -> {
            try {
                CheckExecutions.Outcome outcome = checks.runStarted(
                        execution, resolved, CheckProgress.silent(), () -> cancelled.contains(execution.id()));
                afterwards.accept(outcome);
            } catch (RuntimeException e) {
                log.info("check {} ended without a report: {}", execution.id(), e.getMessage());
            } finally {
                running.remove(execution.id());
                cancelled.remove(execution.id());
                locks.release(request.project(), release, execution.id());
            }
        });
        running.put(execution.id(), thread);
        thread.start();
        return new Started(execution.id(), release);
    }

    /** Asks a running check to stop; its managed server and probe are cleaned up as it unwinds. */
    public boolean cancel(UUID execution) {
        Thread thread = running.get(execution);
        if (thread == null) {
            return false;
        }
        cancelled.add(execution);
        history.log(execution, "WARN", "Cancel requested");
        thread.interrupt();
        return true;
    }

    public boolean isRunning(UUID execution) {
        return running.containsKey(execution);
    }
}
