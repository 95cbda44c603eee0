package dev.preflight.cli;

import dev.preflight.sandbox.Scenario;
import dev.preflight.sandbox.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The options of every command that talks to the upstreams: a sandbox instead of them, and --debug. */
final class UpstreamOptions {

    /** What --sandbox without a file stands for. */
    static final String DEMO = "demo";

    @Option(
            names = "--sandbox",
            arity = "0..1",
            fallbackValue = DEMO,
            paramLabel = "FILE",
            description = "Against an in-process sandbox serving this scenario (the built-in demo when no file is"
                    + " given) instead of the configured services; the history is the same database either way")
    @Nullable
    String sandbox;

    @Option(names = "--debug", description = "Log and print stack traces")
    boolean debug;

    CommandSession open() {
        return CommandSession.open(scenario(), debug);
    }

    private @Nullable Scenario scenario() {
        if (sandbox == null) {
            return null;
        }
        if (sandbox.equals(DEMO) && !Files.exists(Path.of(DEMO))) {
            return DemoCommand.builtIn();
        }
        return new ScenarioLoader().load(Path.of(sandbox));
    }
}
