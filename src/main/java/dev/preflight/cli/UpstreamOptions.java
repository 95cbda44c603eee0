package dev.preflight.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The options of every command that talks to the upstreams: a sandbox instead of them, and --debug. */
final class UpstreamOptions {

    @Option(
            names = "--sandbox",
            paramLabel = "FILE",
            description = "Use an in-process sandbox loaded from this scenario")
    @Nullable
    Path sandbox;

    @Option(names = "--debug", description = "Log and print stack traces")
    boolean debug;

    CommandSession open() {
        return CommandSession.open(sandbox, debug);
    }
}
