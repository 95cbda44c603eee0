package dev.preflight.cli;

import dev.preflight.check.Finding;
import dev.preflight.custom.CheckDefinition;
import dev.preflight.custom.CheckDefinitions;
import dev.preflight.custom.CustomChecks;
import dev.preflight.custom.DefinitionReader;
import dev.preflight.custom.DefinitionVersion;
import dev.preflight.custom.SourceTrace;
import dev.preflight.report.CheckRequest;
import dev.preflight.report.ReleaseReporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "checks",
        mixinStandardHelpOptions = true,
        description =
                "Custom checks: sources over web APIs and databases, turned into findings (format preflight-checks/1).",
        subcommands = {
            ChecksCommand.Import.class,
            ChecksCommand.Export.class,
            ChecksCommand.ListChecks.class,
            ChecksCommand.Test.class,
            ChecksCommand.History.class,
            ChecksCommand.Revert.class
        })
final class ChecksCommand {

    /** At most the size the reader accepts, read without loading a larger file. */
    static String read(Path file) throws IOException {
        if (Files.size(file) > DefinitionReader.MAX_DOCUMENT_CHARS) {
            throw new IllegalArgumentException(
                    file + ": over " + DefinitionReader.MAX_DOCUMENT_CHARS / 1024 + " KB, not a definitions document");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    static String actor() {
        return "cli:" + System.getProperty("user.name");
    }

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = "Validates a whole file and makes it the definitions in force, or changes nothing and"
                    + " names the first error.")
    static final class Import implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "YAML or JSON")
        Path file;

        @Mixin
        UsersCommand.Target target;

        @Override
        public Integer call() throws IOException {
            String document = read(file);
            try (var context = target.open()) {
                CustomChecks checks = context.getBean(CustomChecks.class);
                CheckDefinitions definitions = checks.validate(document);
                DefinitionVersion version = checks.save(document, actor(), "import " + file.getFileName());
                UsersCommand.audit(context, "checks.import", "version " + version.version());
                spec.commandLine()
                        .getOut()
                        .printf(
                                "preflight: %d source(s) and %d check(s) in force as version %d%n",
                                definitions.sources().size(),
                                definitions.checks().size(),
                                version.version());
                return PreflightCli.DONE;
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Prints the definitions in force.")
    static final class Export implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--version", paramLabel = "N", description = "an earlier version instead")
        @Nullable
        Integer version;

        @Mixin
        UsersCommand.Target target;

        @Override
        public Integer call() {
            try (var context = target.open()) {
                CustomChecks checks = context.getBean(CustomChecks.class);
                DefinitionVersion found = (version == null ? checks.currentVersion() : checks.version(version))
                        .orElseThrow(() -> new IllegalArgumentException(
                                version == null
                                        ? "no custom checks yet (preflight checks import FILE)"
                                        : "--version: there is no version " + version));
                PrintWriter out = spec.commandLine().getOut();
                out.print(found.document().endsWith("\n") ? found.document() : found.document() + "\n");
                out.flush();
                return PreflightCli.DONE;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the custom checks in force.")
    static final class ListChecks implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        UsersCommand.Target target;

        @Override
        public Integer call() {
            try (var context = target.open()) {
                CustomChecks checks = context.getBean(CustomChecks.class);
                CheckDefinitions definitions = checks.current();
                PrintWriter out = spec.commandLine().getOut();
                checks.currentVersion()
                        .ifPresent(v -> out.printf(
                                "version %d, %s by %s (%s)%n", v.version(), v.changedAt(), v.changedBy(), v.change()));
                out.printf("%-24s  %-8s  %-14s  %-20s  %s%n", "NAME", "SCOPE", "SEVERITY", "SOURCE", "LABEL");
                for (CheckDefinition check : definitions.checks()) {
                    String kind = definitions
                            .source(check.source())
                            .map(s -> s.kind().name().toLowerCase(java.util.Locale.ROOT))
                            .orElse("?");
                    out.printf(
                            "%-24s  %-8s  %-14s  %-20s  %s%n",
                            check.name(),
                            check.scope().name().toLowerCase(java.util.Locale.ROOT),
                            check.severity().key(),
                            check.source() + " (" + kind + ")",
                            check.label());
                }
                out.flush();
                return PreflightCli.DONE;
            }
        }
    }

    @Command(
            name = "test",
            mixinStandardHelpOptions = true,
            description = "Runs one check against a release and prints what its source answered (size, time), the"
                    + " transformed facts and the findings. Nothing is stored.")
    static final class Test implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "the check's name")
        String name;

        @Option(names = "--project", description = "Jira project key (default: preflight.check.project)")
        @Nullable
        String project;

        @Option(names = "--release", description = "Jira release (default: the next unreleased version)")
        @Nullable
        String release;

        @Option(
                names = "--file",
                paramLabel = "FILE",
                description = "a document not yet imported (default: the definitions in force)")
        @Nullable
        Path file;

        @Mixin
        UpstreamOptions upstreams = new UpstreamOptions();

        @Override
        public Integer call() throws IOException {
            String document = file == null ? null : read(file);
            String given = release == null ? null : CheckRequest.requireRelease(release);
            try (CommandSession session = upstreams.open()) {
                CustomChecks checks = session.bean(CustomChecks.class);
                String text = document != null
                        ? document
                        : checks.currentVersion()
                                .map(DefinitionVersion::document)
                                .orElseThrow(() -> new IllegalArgumentException(
                                        "no custom checks yet: import some, or give --file"));
                CustomChecks.Run run = checks.trial(text, name);
                CustomChecks.Result result =
                        session.bean(ReleaseReporter.class).tryCustom(run, session.project(project), given);
                print(spec.commandLine().getOut(), result);
                return PreflightCli.DONE;
            }
        }

        static void print(PrintWriter out, CustomChecks.Result result) {
            for (SourceTrace trace : result.traces()) {
                out.printf(
                        "source %s (%s): %s, %d request(s), %d ms%n",
                        trace.source(),
                        trace.kind().name().toLowerCase(java.util.Locale.ROOT),
                        trace.failed() ? "FAILED: " + trace.failure() : trace.bytes() + " bytes",
                        trace.requests(),
                        trace.took().toMillis());
                if (!trace.failed()) {
                    out.println("facts: " + FactsText.of(trace.facts(), 2_000));
                }
            }
            out.printf("%d finding(s)%n", result.results().findings().size());
            for (Finding finding : result.results().findings()) {
                out.printf(
                        "  %-13s  %-10s  %s%n",
                        finding.severity().key(),
                        finding.ticket() == null ? "(release)" : finding.ticket(),
                        finding.detail());
            }
            out.flush();
        }
    }

    @Command(
            name = "history",
            mixinStandardHelpOptions = true,
            description = "Lists the versions: who changed what, when.")
    static final class History implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        UsersCommand.Target target;

        @Override
        public Integer call() {
            try (var context = target.open()) {
                PrintWriter out = spec.commandLine().getOut();
                out.printf("%-7s  %-20s  %-24s  %s%n", "VERSION", "CHANGED", "BY", "CHANGE");
                for (DefinitionVersion v : context.getBean(CustomChecks.class).history()) {
                    out.printf(
                            "%-7d  %-20s  %-24s  %s%n",
                            v.version(), v.changedAt().toString().substring(0, 19) + "Z", v.changedBy(), v.change());
                }
                out.flush();
                return PreflightCli.DONE;
            }
        }
    }

    @Command(
            name = "revert",
            mixinStandardHelpOptions = true,
            description = "Puts an earlier version back in force (as a new version).")
    static final class Revert implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "N", description = "the version to put back")
        int version;

        @Mixin
        UsersCommand.Target target;

        @Override
        public Integer call() {
            try (var context = target.open()) {
                DefinitionVersion now = context.getBean(CustomChecks.class).revert(version, actor());
                UsersCommand.audit(context, "checks.revert", "version " + version);
                spec.commandLine()
                        .getOut()
                        .printf("preflight: version %d in force again, as version %d%n", version, now.version());
                return PreflightCli.DONE;
            }
        }
    }
}
