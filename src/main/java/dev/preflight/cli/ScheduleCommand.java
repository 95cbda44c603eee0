package dev.preflight.cli;

import dev.preflight.schedule.FireTimes;
import dev.preflight.schedule.WeekParity;
import java.time.DateTimeException;
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
        subcommands = {ScheduleCommand.Preview.class})
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
            ZoneId zoneId;
            try {
                zoneId = ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("unknown time zone '" + zone + "'");
            }
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
}
