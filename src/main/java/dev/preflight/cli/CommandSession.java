package dev.preflight.cli;

import dev.preflight.run.CheckOrder;
import dev.preflight.run.CheckRuns;
import dev.preflight.sandbox.Sandbox;
import dev.preflight.sandbox.Scenario;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * What a one-shot command runs in: the application context, against the configured upstreams or
 * an in-process sandbox loaded from a scenario. Closing it stops both.
 */
final class CommandSession implements AutoCloseable {

    /** How long a stopped check may take to clean up (delete its probe, stop the managed server). */
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final @Nullable Sandbox sandbox;
    private final ConfigurableApplicationContext context;

    private CommandSession(@Nullable Sandbox sandbox, ConfigurableApplicationContext context) {
        this.sandbox = sandbox;
        this.context = context;
    }

    /** Against the configured upstreams, or a sandbox serving this scenario; the one database either way. */
    static CommandSession open(@Nullable Scenario scenario, boolean debug) {
        if (scenario == null) {
            return new CommandSession(null, Contexts.oneShot(Map.of(), debug));
        }
        // the sandbox and the context start side by side; connectors wait for its URLs
        CompletableFuture<Sandbox> starting = CompletableFuture.supplyAsync(
                () -> Sandbox.start(scenario),
                task -> Thread.ofPlatform().name("sandbox-start").start(task));
        try {
            ConfigurableApplicationContext context = Contexts.oneShot(
                    Map.of(), new StartingSandbox(starting, Sandbox.connectorPropertyNames(scenario)), debug);
            try {
                return new CommandSession(join(starting), context);
            } catch (RuntimeException e) {
                context.close();
                throw e;
            }
        } catch (RuntimeException e) {
            starting.thenAccept(Sandbox::close);
            throw e;
        }
    }

    /** The future's value, or its failure as thrown where it happened. */
    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /**
     * Runs a check in this process through the one service every check goes through, waiting for
     * its end. SIGTERM or Ctrl-C stops it cleanly first: the probe is deleted, the managed server
     * stopped and the execution marked interrupted with the reason, before the process exits.
     */
    CheckRuns.Outcome run(CheckOrder order) {
        CheckRuns runs = bean(CheckRuns.class);
        CheckRuns.Launch launch = runs.start(order);
        if (!(launch instanceof CheckRuns.Started started)) {
            throw new IllegalStateException("a check of " + order.request().project() + " " + launch.release()
                    + " is already running (execution " + launch.execution() + "); try again when it ends");
        }
        // SIGTERM and Ctrl-C are taken over while the check runs rather than left to shutdown
        // hooks, which would race the embedded database's own hook that closes it
        Map<Signal, SignalHandler> previous = new HashMap<>();
        SignalHandler stop = signal -> {
            if (runs.interrupt(started.execution(), "interrupted: the CLI was stopped (SIG" + signal.getName() + ")")) {
                try {
                    started.outcome().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
                } catch (Exception ended) {
                    // it ended, one way or the other: the execution says how
                }
            }
            System.exit(128 + signal.getNumber());
        };
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                previous.put(new Signal(name), Signal.handle(new Signal(name), stop));
            } catch (IllegalArgumentException unavailable) {
                // a platform without that signal
            }
        }
        try {
            return join(started.outcome());
        } finally {
            previous.forEach(Signal::handle);
        }
    }

    /** The project given on the command line, else the configured default. */
    String project(@Nullable String given) {
        String project = given != null ? given : context.getEnvironment().getProperty("preflight.check.project");
        if (project == null) {
            throw new IllegalArgumentException("no project: give --project or set PREFLIGHT_CHECK_PROJECT");
        }
        return dev.preflight.report.CheckRequest.requireProject(project);
    }

    @Override
    public void close() {
        context.close();
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
