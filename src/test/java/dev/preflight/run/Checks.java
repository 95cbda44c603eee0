package dev.preflight.run;

import dev.preflight.history.Trigger;
import dev.preflight.report.CheckRequest;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Runs a check through {@link CheckRuns} and waits for it, as tests of other modules need. */
public final class Checks {

    private Checks() {}

    public static CheckRuns.Outcome run(CheckRuns runs, CheckOrder order) {
        CheckRuns.Launch launch = runs.start(order);
        if (!(launch instanceof CheckRuns.Started started)) {
            throw new AssertionError("already running: " + launch);
        }
        try {
            return started.outcome().join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The demo release, resync skipped, from the CLI, without Teams. */
    public static CheckRuns.Outcome demo(CheckRuns runs, @Nullable String who) {
        return run(
                runs,
                new CheckOrder(
                        new CheckRequest("ET", "H3-2026.7", Set.of(CheckRequest.Step.RESYNC)),
                        Trigger.CLI,
                        who,
                        CheckOrder.Teams.none()));
    }
}
