package dev.preflight.cli;

import dev.preflight.history.Execution;
import dev.preflight.history.ExecutionExport;
import dev.preflight.history.ExecutionFilter;
import dev.preflight.history.ExecutionHistory;
import dev.preflight.history.ExecutionStatus;
import dev.preflight.history.LogLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description = "Stored executions in the configured database (PREFLIGHT_DB_URL, else the embedded one).",
        subcommands = {
            HistoryCommand.ListExecutions.class,
            HistoryCommand.Show.class,
            HistoryCommand.Export.class,
            HistoryCommand.Import.class
        })
final class HistoryCommand {

    @Option(names = "--debug", scope = picocli.CommandLine.ScopeType.INHERIT, description = "Print stack traces")
    boolean debug;

    static UUID id(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not an execution id (a UUID)");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists executions, newest first.")
    static final class ListExecutions implements Callable<Integer> {
        @ParentCommand
        HistoryCommand parent;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--project")
        @Nullable
        String project;

        @Option(names = "--release")
        @Nullable
        String release;

        @Option(names = "--status", description = "running, success, partial, error or cancelled")
        @Nullable
        String status;

        @Option(names = "--format", defaultValue = "table", description = "table or json")
        String format = "table";

        @Option(names = "--limit", defaultValue = "50", description = "at most this many (1-500)")
        int limit;

        @Override
        public Integer call() {
            ExecutionFilter filter = new ExecutionFilter(
                    project, release, status == null ? null : ExecutionStatus.fromKey(status), 0, limit);
            if (!format.equals("table") && !format.equals("json")) {
                throw new IllegalArgumentException("--format must be table or json");
            }
            try (ConfigurableApplicationContext context = Contexts.databaseOnly(parent.debug)) {
                List<Execution> executions =
                        context.getBean(ExecutionHistory.class).list(filter);
                var out = spec.commandLine().getOut();
                if (format.equals("json")) {
                    JsonMapper json = JsonMapper.builder().build();
                    ArrayNode array = json.createArrayNode();
                    for (Execution e : executions) {
                        array.addObject()
                                .put("id", e.id().toString())
                                .put("project", e.project())
                                .put("release", e.release())
                                .put("status", e.status().key())
                                .put("trigger", e.trigger().key())
                                .put("triggeredBy", e.triggeredBy())
                                .put("startedAt", e.startedAt().toString())
                                .put(
                                        "durationMs",
                                        e.duration() == null
                                                ? null
                                                : e.duration().toMillis())
                                .set("summary", e.summary() == null ? null : json.readTree(e.summary()));
                    }
                    out.println(array.toString());
                } else {
                    out.printf(
                            "%-36s  %-7s  %-12s  %-9s  %-20s  %8s%n",
                            "ID", "PROJECT", "RELEASE", "STATUS", "STARTED", "DURATION");
                    for (Execution e : executions) {
                        Duration d = e.duration();
                        out.printf(
                                "%-36s  %-7s  %-12s  %-9s  %-20s  %8s%n",
                                e.id(),
                                e.project(),
                                e.release() == null ? "-" : e.release(),
                                e.status().key(),
                                e.startedAt().toString().substring(0, 19) + "Z",
                                d == null ? "-" : String.format("%.1f s", d.toMillis() / 1000.0));
                    }
                }
                out.flush();
                return PreflightCli.DONE;
            }
        }
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "Shows one execution: metadata, log and report.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        HistoryCommand parent;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            UUID uuid = id(id);
            try (ConfigurableApplicationContext context = Contexts.databaseOnly(parent.debug)) {
                ExecutionHistory history = context.getBean(ExecutionHistory.class);
                Execution e = history.get(uuid);
                var out = spec.commandLine().getOut();
                out.println("Execution " + e.id());
                out.println("  " + e.project() + " " + (e.release() == null ? "(release not resolved)" : e.release())
                        + ", " + e.status().key() + ", " + e.trigger().key()
                        + (e.triggeredBy() == null ? "" : " by " + e.triggeredBy()));
                out.println("  started " + e.startedAt() + (e.endedAt() == null ? "" : ", ended " + e.endedAt()));
                if (e.error() != null) {
                    out.println("  error: " + e.error());
                }
                out.println("Log");
                for (LogLine line : history.log(uuid, 0)) {
                    out.println("  " + line.at() + " " + line.level() + " " + line.message());
                }
                if (e.report() != null) {
                    out.println("Report");
                    out.println(e.report());
                }
                out.flush();
                return PreflightCli.DONE;
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Exports one execution as JSON.")
    static final class Export implements Callable<Integer> {
        @ParentCommand
        HistoryCommand parent;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "ID")
        String id;

        @Option(
                names = {"-o", "--output"},
                paramLabel = "FILE",
                description = "write there (default: stdout)")
        @Nullable
        Path output;

        @Override
        public Integer call() throws IOException {
            UUID uuid = id(id);
            try (ConfigurableApplicationContext context = Contexts.databaseOnly(parent.debug)) {
                String json = context.getBean(ExecutionExport.class).export(uuid);
                if (output == null) {
                    spec.commandLine().getOut().println(json);
                    spec.commandLine().getOut().flush();
                } else {
                    // written beside, then moved: an interrupted export never leaves half a file
                    Path partial = output.resolveSibling(output.getFileName() + ".partial");
                    Files.writeString(partial, json + "\n", StandardCharsets.UTF_8);
                    Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
                return PreflightCli.DONE;
            }
        }
    }

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = "Imports exported executions; each file is all-or-nothing.")
    static final class Import implements Callable<Integer> {
        @ParentCommand
        HistoryCommand parent;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE", arity = "1..*")
        List<Path> files;

        @Override
        public Integer call() {
            int failed = 0;
            try (ConfigurableApplicationContext context = Contexts.databaseOnly(parent.debug)) {
                ExecutionExport export = context.getBean(ExecutionExport.class);
                for (Path file : files) {
                    try {
                        UUID id = export.importJson(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
                        spec.commandLine().getOut().println("imported " + file + " as " + id);
                    } catch (NoSuchFileException e) {
                        spec.commandLine().getErr().println("preflight: import " + file + ": no such file");
                        failed++;
                    } catch (IOException | RuntimeException e) {
                        spec.commandLine().getErr().println("preflight: " + Failures.message(e));
                        failed++;
                    }
                }
                spec.commandLine().getOut().flush();
                return failed == 0 ? PreflightCli.DONE : PreflightCli.USAGE;
            }
        }
    }
}
