package dev.preflight.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The entry point of the jar: {@code preflight <command>}. */
@Command(
        name = "preflight",
        mixinStandardHelpOptions = true,
        versionProvider = PreflightCli.Version.class,
        description = "Cross-checks a release between Jira and the packaging server, and tells the right people.",
        subcommands = {
            CheckCommand.class,
            LatestCommand.class,
            HealthCommand.class,
            HistoryCommand.class,
            NotifyCommand.class,
            ScheduleCommand.class,
            UsersCommand.class,
            TokensCommand.class,
            CacheCommand.class,
            SlaCommand.class,
            ChecksCommand.class,
            ServeCommand.class,
            DemoCommand.class,
            SandboxCommand.class,
            CommandLine.HelpCommand.class
        })
public final class PreflightCli {

    public static final int DONE = 0;
    public static final int FINDINGS = 1;
    public static final int USAGE = 2;
    public static final int UPSTREAM = 3;

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != Integer.MIN_VALUE) {
            System.exit(code);
        }
    }

    /** The command line with Preflight's error handling; exit codes as documented in the README. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new PreflightCli());
        commandLine.setExecutionExceptionHandler(new Failures());
        commandLine.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("preflight: " + e.getMessage());
            e.getCommandLine()
                    .getErr()
                    .println("Try 'preflight " + e.getCommandLine().getCommandName() + " --help'.");
            return USAGE;
        });
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = PreflightCli.class.getPackage().getImplementationVersion();
            return new String[] {"preflight " + (version == null ? "(development build)" : version)};
        }
    }
}
