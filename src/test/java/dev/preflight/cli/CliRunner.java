package dev.preflight.cli;

/** The CLI in-process for tests outside this package: its standard output. */
public final class CliRunner {

    private CliRunner() {}

    public static String run(String... args) {
        CliRun run = CliRun.of(args);
        if (run.exitCode() != 0) {
            throw new AssertionError(
                    "preflight " + String.join(" ", args) + " exited " + run.exitCode() + ": " + run.err());
        }
        return run.out();
    }
}
