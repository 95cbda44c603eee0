package dev.preflight.cli;

import dev.preflight.sandbox.Sandbox;
import dev.preflight.sandbox.ScenarioLoader;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a one-shot command runs in: the application context, against the configured upstreams or
 * an in-process sandbox loaded from a scenario. Closing it stops both.
 */
final class CommandSession implements AutoCloseable {

    private final @Nullable Sandbox sandbox;
    private final ConfigurableApplicationContext context;

    private CommandSession(@Nullable Sandbox sandbox, ConfigurableApplicationContext context) {
        this.sandbox = sandbox;
        this.context = context;
    }

    static CommandSession open(@Nullable Path scenario, boolean debug) {
        Sandbox sandbox = scenario == null ? null : Sandbox.start(new ScenarioLoader().load(scenario));
        try {
            return new CommandSession(
                    sandbox,
                    Contexts.oneShot(
                            sandbox == null ? Map.of() : Contexts.sandboxed(sandbox.connectorProperties()), debug));
        } catch (RuntimeException e) {
            if (sandbox != null) {
                sandbox.close();
            }
            throw e;
        }
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The project given on the command line, else the configured default. */
    String project(@Nullable String given) {
        String project = given != null ? given : context.getEnvironment().getProperty("preflight.check.project");
        if (project == null) {
            throw new IllegalArgumentException("no project: give --project or set PREFLIGHT_CHECK_PROJECT");
        }
        return project;
    }

    @Override
    public void close() {
        context.close();
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
