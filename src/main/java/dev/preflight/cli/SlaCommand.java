package dev.preflight.cli;

import dev.preflight.sla.BusinessCalendar;
import dev.preflight.sla.Calendars;
import dev.preflight.sla.SlaProperties;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "sla",
        mixinStandardHelpOptions = true,
        description = "Service levels in business time.",
        subcommands = {SlaCommand.Deadline.class})
final class SlaCommand {

    @Command(
            name = "deadline",
            mixinStandardHelpOptions = true,
            description = "Prints when N business hours after an instant end, as an ISO-8601 offset date-time in the"
                    + " calendar's zone; touches no database.")
    static final class Deadline implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--from",
                required = true,
                paramLabel = "ISO-INSTANT",
                description = "e.g. 2026-12-04T14:00:00Z")
        String from;

        @Option(names = "--business-hours", required = true, paramLabel = "N", description = "0 to 10000")
        long hours;

        @Option(names = "--calendar", paramLabel = "NAME", description = "a configured calendar (default: france)")
        @Nullable
        String calendar;

        @Override
        public Integer call() throws Exception {
            Instant start;
            try {
                start = Instant.parse(from.strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "--from: '" + excerpt(from) + "' is not an ISO-8601 instant (e.g. 2026-12-04T14:00:00Z)");
            }
            if (hours < 0 || hours > 10_000) {
                throw new IllegalArgumentException("--business-hours: must be between 0 and 10000, not " + hours);
            }
            BusinessCalendar chosen = new Calendars(configured()).byName(calendar);
            spec.commandLine()
                    .getOut()
                    .println(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                            chosen.deadline(start, Duration.ofHours(hours)).toOffsetDateTime()));
            return PreflightCli.DONE;
        }

        /** The calendars as a server would read them (application.yaml, then the environment), without a context. */
        private static SlaProperties configured() throws java.io.IOException {
            StandardEnvironment environment = new StandardEnvironment();
            new YamlPropertySourceLoader()
                    .load("application.yaml", new ClassPathResource("application.yaml"))
                    .forEach(source -> environment.getPropertySources().addLast(source));
            return Binder.get(environment).bindOrCreate("preflight.sla", Bindable.of(SlaProperties.class));
        }

        private static String excerpt(String text) {
            return text.length() <= 40 ? text : text.substring(0, 40) + "…";
        }
    }
}
