package dev.preflight.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Time as people read it, in one format on every page: the team's zone ({@code preflight.zone}),
 * relative ("3 min ago") with the exact time beside it, durations in words. Templates use it as
 * {@code @times}, mostly through {@code layout :: time(instant)}.
 */
@Component("times")
public class Times {

    private static final DateTimeFormatter EXACT =
            DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm:ss z", Locale.ENGLISH);
    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ENGLISH);
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final ZoneId zone;
    private final Clock clock;

    Times(@Value("${preflight.zone}") ZoneId zone, java.util.Optional<Clock> clock) {
        this.zone = zone;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    public ZoneId zone() {
        return zone;
    }

    /** "Tue 24 Nov 2026, 09:14:05 CET": the exact time, in the team's zone. */
    public String exact(@Nullable Instant at) {
        return at == null ? "" : EXACT.format(at.atZone(zone));
    }

    /** "09:14:05", the time of day in the team's zone: for log lines, whose day the page says. */
    public String timeOfDay(@Nullable Instant at) {
        return at == null ? "" : TIME_OF_DAY.format(at.atZone(zone));
    }

    /** The same time for a {@code datetime} attribute. */
    public String iso(@Nullable Instant at) {
        return at == null ? "" : at.toString();
    }

    /** "just now", "3 min ago", "in 2 h", "yesterday", "5 days ago"; a date beyond a month. */
    public String ago(@Nullable Instant at) {
        if (at == null) {
            return "";
        }
        Instant now = clock.instant();
        Duration gap = Duration.between(at, now);
        boolean past = !gap.isNegative();
        long seconds = Math.abs(gap.toSeconds());
        if (seconds < 45) {
            return "just now";
        }
        String amount;
        if (seconds < 3_600) {
            amount = Math.max(1, Math.round(seconds / 60.0)) + " min";
        } else if (seconds < 86_400) {
            amount = Math.round(seconds / 3_600.0) + " h";
        } else {
            long days = java.time.temporal.ChronoUnit.DAYS.between(
                    at.atZone(zone).toLocalDate(), now.atZone(zone).toLocalDate());
            long abs = Math.abs(days);
            if (abs > 31) {
                return SHORT.format(at.atZone(zone));
            }
            if (abs == 1) {
                return past ? "yesterday" : "tomorrow";
            }
            amount = abs + " days";
        }
        return past ? amount + " ago" : "in " + amount;
    }

    /** "850 ms", "12.4 s", "3 min 5 s", "1 h 2 min". */
    public String duration(@Nullable Duration duration) {
        if (duration == null) {
            return "";
        }
        long millis = Math.max(0, duration.toMillis());
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3_600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3_600 + " h " + seconds % 3_600 / 60 + " min";
    }

    /** A zoned time (a schedule's next fire) in the team's zone, in the same format. */
    public String exact(@Nullable ZonedDateTime at) {
        return at == null ? "" : exact(at.toInstant());
    }

    /** A lifetime as the form shows it: the shortest of 10s, 10m, 1h, 1d that says it exactly. */
    public static String lifetime(java.time.@Nullable Duration ttl) {
        if (ttl == null) {
            return "";
        }
        long s = ttl.toSeconds();
        if (s != 0 && s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s != 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
