package dev.preflight.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * When a team works: opening hours on open weekdays in its zone, public holidays and extra closed
 * days excepted. Business time is real time inside those hours, so a day whose clocks change at
 * night keeps its 10 hours, and a deadline is found by walking the open intervals.
 *
 * @param closed the days the calendar is shut beyond its weekly pattern (public holidays, extra days)
 */
public record BusinessCalendar(
        String name,
        ZoneId zone,
        Set<DayOfWeek> openDays,
        LocalTime opens,
        LocalTime closes,
        Predicate<LocalDate> closed) {

    /** Ten years of closed days in a row: a calendar that never opens is a mistake, not a wait. */
    private static final int LONGEST_WALK_DAYS = 3660;

    public BusinessCalendar {
        Objects.requireNonNull(zone);
        openDays = Set.copyOf(openDays.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(openDays));
        if (openDays.isEmpty()) {
            throw new IllegalArgumentException("calendar " + name + ": open-days: at least one day must be open");
        }
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException(
                    "calendar " + name + ": opens (" + opens + ") must be before closes (" + closes + ")");
        }
    }

    /** The business time of one full day: what "a business day" means for targets in days. */
    public Duration businessDay() {
        return Duration.between(opens, closes);
    }

    public boolean isOpen(LocalDate day) {
        return openDays.contains(day.getDayOfWeek()) && !closed.test(day);
    }

    /** The moment {@code amount} of business time has passed since {@code from}. */
    public ZonedDateTime deadline(Instant from, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("business time must not be negative: " + amount);
        }
        Duration left = amount;
        LocalDate day = from.atZone(zone).toLocalDate();
        for (int i = 0; i < LONGEST_WALK_DAYS; i++, day = day.plusDays(1)) {
            if (!isOpen(day)) {
                continue;
            }
            Instant open = day.atTime(opens).atZone(zone).toInstant();
            Instant close = day.atTime(closes).atZone(zone).toInstant();
            if (!from.isBefore(close)) {
                continue;
            }
            Instant start = from.isAfter(open) ? from : open;
            Duration available = Duration.between(start, close);
            if (left.compareTo(available) <= 0) {
                // zero left at a closing time is due then, not at the next opening
                return start.plus(left).atZone(zone);
            }
            left = left.minus(available);
        }
        throw new IllegalStateException("calendar " + name + " has no open day within " + LONGEST_WALK_DAYS + " days");
    }

    /** The business time between two instants (zero when {@code to} is not after {@code from}). */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            if (!isOpen(day)) {
                continue;
            }
            Instant open = day.atTime(opens).atZone(zone).toInstant();
            Instant close = day.atTime(closes).atZone(zone).toInstant();
            Instant start = from.isAfter(open) ? from : open;
            Instant end = to.isBefore(close) ? to : close;
            if (end.isAfter(start)) {
                total = total.plus(Duration.between(start, end));
            }
        }
        return total;
    }
}
