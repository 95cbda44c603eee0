package dev.preflight.cli;

import dev.preflight.schedule.FireTimes;
import dev.preflight.schedule.Schedule;
import dev.preflight.schedule.Schedules;
import dev.preflight.schedule.WeekParity;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "schedule",
        mixinStandardHelpOptions = true,
        description = "Schedules of automatic checks.",
        subcommands = {
            ScheduleCommand.Preview.class,
            ScheduleCommand.ListSchedules.class,
            ScheduleCommand.Add.class,
            ScheduleCommand.Remove.class
        })
final class ScheduleCommand {

    @Command(
            name = "preview",
            mixinStandardHelpOptions = true,
            description = "Prints a rule's next fire times, one ISO-8601 date-time a line; touches no database.")
    static final class Preview implements Callable<Integer> {

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--cron",
                required = true,
                paramLabel = "EXPR",
                description = "6 fields (with seconds), 5 fields (crontab) or a macro such as @daily")
        String cron;

        @Option(names = "--zone", required = true, paramLabel = "ZONE", description = "e.g. Europe/Paris")
        String zone;

        @Option(names = "--parity", defaultValue = "any", description = "ISO weeks: any, odd or even")
        String parity;

        @Option(names = "--from", paramLabel = "ISO-INSTANT", description = "start after this instant (default: now)")
        @Nullable
        String from;

        @Option(names = "--count", defaultValue = "10", description = "how many (1-1000, default ${DEFAULT-VALUE})")
        int count;

        @Override
        public Integer call() {
            if (count < 1 || count > 1000) {
                throw new IllegalArgumentException("--count must be between 1 and 1000");
            }
            ZoneId zoneId = FireTimes.zone(zone);
            Instant start;
            try {
                start = from == null ? Instant.now() : Instant.parse(from);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--from must be an ISO-8601 instant such as 2026-11-23T08:00:00Z");
            }
            var out = spec.commandLine().getOut();
            new FireTimes(cron, zoneId, WeekParity.fromKey(parity))
                    .after(start, count)
                    .forEach(fire -> out.println(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(fire)));
            out.flush();
            return PreflightCli.DONE;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Lists the stored schedules and their next fire.")
    static final class ListSchedules implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--debug", description = "Print stack traces")
        boolean debug;

        @Override
        public Integer call() {
            try (var context = Contexts.databaseOnly(debug)) {
                var out = spec.commandLine().getOut();
                for (Schedule s : context.getBean(Schedules.class).list()) {
                    var next = s.fireTimes().after(Instant.now(), 1);
                    out.printf(
                            "%s  %-20s %-24s %-16s %-5s %s %s%s  next: %s%n",
                            s.id(),
                            s.name(),
                            s.cron(),
                            s.zone().getId(),
                            s.parity().name().toLowerCase(java.util.Locale.ROOT),
                            s.project(),
                            s.release() == null ? "(next release)" : s.release(),
                            s.teams() ? " +Teams" : "",
                            next.isEmpty() ? "never" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(next.getFirst()));
                }
                out.flush();
                return PreflightCli.DONE;
            }
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Stores a schedule.")
    static final class Add implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--name", required = true)
        String name;

        @Option(names = "--cron", required = true, paramLabel = "EXPR")
        String cron;

        @Option(names = "--zone", required = true, paramLabel = "ZONE")
        String zone;

        @Option(names = "--parity", defaultValue = "any")
        String parity;

        @Option(names = "--project", required = true)
        String project;

        @Option(names = "--release", description = "a fixed release (default: the next release at run time)")
        @Nullable
        String release;

        @Option(names = "--skip", defaultValue = "", description = "steps to skip: resync, outdated")
        String skip;

        @Option(names = "--notify", description = "post to Teams")
        boolean notify;

        @Option(names = "--no-mentions", description = "name people on the card instead of @mentioning them")
        boolean noMentions;

        @Option(names = "--thread", paramLabel = "LINK")
        @Nullable
        String thread;

        @Option(names = "--debug", description = "Print stack traces")
        boolean debug;

        @Override
        public Integer call() {
            ZoneId zoneId = FireTimes.zone(zone);
            if (thread != null) {
                dev.preflight.notify.ThreadLink.parse(thread);
            }
            for (String step : skip.split(",")) {
                if (!step.isBlank()) {
                    dev.preflight.report.CheckRequest.Step.fromName(step);
                }
            }
            WeekParity weeks = WeekParity.fromKey(parity);
            new FireTimes(cron, zoneId, weeks); // a bad rule is refused before the database is opened
            try (var context = Contexts.databaseOnly(debug)) {
                Schedule s = context.getBean(Schedules.class)
                        .add(name, cron, zoneId, weeks, project, release, skip, notify, !noMentions, thread);
                UsersCommand.audit(context, "schedule.create", s.name() + " " + s.id());
                spec.commandLine().getOut().println("added schedule " + s.id());
                spec.commandLine().getOut().flush();
                return PreflightCli.DONE;
            }
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes a stored schedule.")
    static final class Remove implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @picocli.CommandLine.Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--debug", description = "Print stack traces")
        boolean debug;

        @Override
        public Integer call() {
            java.util.UUID uuid = HistoryCommand.id(id);
            try (var context = Contexts.databaseOnly(debug)) {
                if (!context.getBean(Schedules.class).remove(uuid)) {
                    throw new java.util.NoSuchElementException("no schedule " + uuid);
                }
                UsersCommand.audit(context, "schedule.delete", uuid.toString());
                spec.commandLine().getOut().println("removed schedule " + uuid);
                spec.commandLine().getOut().flush();
                return PreflightCli.DONE;
            }
        }
    }
}
