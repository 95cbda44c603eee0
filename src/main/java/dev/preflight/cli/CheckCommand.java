package dev.preflight.cli;

import dev.preflight.check.Category;
import dev.preflight.check.ReleaseReport;
import dev.preflight.history.Trigger;
import dev.preflight.notify.TeamsNotifications;
import dev.preflight.notify.ThreadLink;
import dev.preflight.report.CheckProgress;
import dev.preflight.report.CheckRequest;
import dev.preflight.report.ReportJson;
import dev.preflight.report.ReportJunit;
import dev.preflight.report.ReportMarkdown;
import dev.preflight.report.ReportTable;
import dev.preflight.run.CheckOrder;
import dev.preflight.run.CheckRuns;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true, description = "Checks one release and prints its report.")
final class CheckCommand implements Callable<Integer> {

    enum Format {
        table,
        json,
        markdown,
        junit
    }

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--project", description = "Jira project key (default: preflight.check.project)")
    @Nullable
    String project;

    @Option(names = "--release", description = "Jira release (default: the next unreleased version)")
    @Nullable
    String release;

    @Mixin
    UpstreamOptions upstreams = new UpstreamOptions();

    @Option(
            names = "--format",
            defaultValue = "table",
            description = "table, json, markdown or junit (default: ${DEFAULT-VALUE})")
    Format format = Format.table;

    @Option(names = "--skip", split = ",", paramLabel = "STEP", description = "Steps to skip: resync, outdated")
    List<String> skip = List.of();

    @Option(
            names = "--fail-on",
            split = ",",
            paramLabel = "CATEGORY",
            description = "Exit 1 when any finding is in one of these categories (e.g. missingInPackaging,unready)")
    List<String> failOn = List.of();

    @Option(names = "--quiet", description = "No progress on stderr")
    boolean quiet;

    @Option(
            names = "--notify",
            description = "Post the report to Teams (PREFLIGHT_TEAMS_WEBHOOK_URL; with --sandbox,"
                    + " the sandbox's sink unless that is set)")
    boolean notify;

    @Option(names = "--thread", paramLabel = "LINK", description = "Reply in the thread of this Teams message link")
    @Nullable
    String thread;

    @Option(names = "--no-mentions", description = "Name people instead of @mentioning them")
    boolean noMentions;

    @Option(
            names = "--dry-run",
            description = "With --notify: store the Teams payloads and print them instead of the"
                    + " report, posting nothing")
    boolean dryRun;

    @Override
    public Integer call() {
        Set<CheckRequest.Step> skipped = EnumSet.noneOf(CheckRequest.Step.class);
        skip.forEach(step -> skipped.add(CheckRequest.Step.fromName(step)));
        Set<Category> failing = new java.util.HashSet<>();
        failOn.forEach(category -> failing.add(Category.fromKey(category.trim())));
        if ((thread != null || noMentions || dryRun) && !notify) {
            throw new IllegalArgumentException("--thread, --no-mentions and --dry-run go with --notify");
        }
        // a malformed link is refused before anything runs
        ThreadLink threadLink = thread == null ? null : ThreadLink.parse(thread);
        try (CommandSession session = upstreams.open()) {
            String key = session.project(project);
            TeamsNotifications teams = session.bean(TeamsNotifications.class);
            if (notify && !dryRun) {
                teams.requireWebhook(); // before anything runs, not after the check
            }
            CheckOrder order = new CheckOrder(
                    new CheckRequest(key, release, skipped),
                    Trigger.CLI,
                    System.getProperty("user.name"),
                    notify
                            ? new CheckOrder.Teams(
                                    true, threadLink == null ? null : threadLink.rootMessageId(), !noMentions, dryRun)
                            : CheckOrder.Teams.none(),
                    Map.of("format", format.name()),
                    CheckProgress.silent());
            CheckRuns.Outcome outcome;
            try (ConsoleProgress progress =
                    new ConsoleProgress(spec.commandLine().getErr(), quiet)) {
                outcome = session.run(order.withProgress(progress));
            }
            ReleaseReport report = outcome.report();
            java.util.UUID execution = outcome.execution().id();
            if (!quiet) {
                spec.commandLine().getErr().println("preflight: stored as execution " + execution);
            }
            TeamsNotifications.Delivery delivery = null;
            if (notify) {
                delivery = teams.delivery(execution);
                if (dryRun) {
                    delivery.payloads().forEach(spec.commandLine().getOut()::println);
                    spec.commandLine().getOut().flush();
                    return PreflightCli.DONE;
                }
            }
            String output = switch (format) {
                case table -> new ReportTable().write(report);
                case json -> new ReportJson().write(report) + "\n";
                case markdown -> new ReportMarkdown().write(report);
                case junit -> new ReportJunit().write(report, failing);
            };
            spec.commandLine().getOut().print(output);
            spec.commandLine().getOut().flush();
            boolean matched = report.findings().stream().anyMatch(f -> failing.contains(f.category()))
                    || (failing.contains(Category.OUTDATED_PACKAGE)
                            && !report.outdatedPackages().isEmpty());
            if (delivery != null && !delivery.delivered()) {
                spec.commandLine()
                        .getErr()
                        .println("preflight: report stored, Teams notification pending ("
                                + delivery.sent() + " of " + delivery.parts() + " card(s) sent): " + delivery.error()
                                + "; retry with: preflight notify --execution " + execution);
                return matched ? PreflightCli.FINDINGS : PreflightCli.UPSTREAM;
            }
            if (delivery != null && !quiet) {
                spec.commandLine().getErr().println("preflight: posted " + delivery.sent() + " card(s) to Teams");
            }
            return matched ? PreflightCli.FINDINGS : PreflightCli.DONE;
        }
    }
}
