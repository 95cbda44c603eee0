package dev.preflight.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.support.CronExpression;

/**
 * The fire times of one rule: a cron expression (Spring's six fields, crontab's five, or a macro
 * such as {@code @daily}) read in a time zone, on the weeks of a parity.
 *
 * <p>The rule is walked in local time and each local time is then placed in the zone. So when the
 * clocks go back, a time that occurs twice fires once (its first occurrence); when they go
 * forward, a time that does not exist fires at the next valid instant, never not at all.
 */
public final class FireTimes {

    private static final int MAX_STEPS = 1_000_000;

    private final String expression;
    private final CronExpression cron;
    private final ZoneId zone;
    private final WeekParity parity;

    /** A time zone by its id, or one line naming what was wrong. */
    public static ZoneId zone(String zone) {
        try {
            return ZoneId.of(zone.trim());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + zone + "'");
        }
    }

    public FireTimes(String expression, ZoneId zone, WeekParity parity) {
        this.expression = expression.trim();
        this.cron = parse(this.expression);
        this.zone = zone;
        this.parity = parity;
    }

    static CronExpression parse(String expression) {
        String cron = expression.trim();
        if (!cron.startsWith("@")) {
            int fields = cron.split("\\s+").length;
            if (fields == 5) {
                cron = "0 " + cron; // crontab: minute hour day month weekday
            } else if (fields != 6) {
                throw new IllegalArgumentException("cron '" + expression + "' has " + fields
                        + " fields: expected 5 (crontab), 6 (with seconds) or a macro such as @daily");
            }
        }
        try {
            return CronExpression.parse(cron);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cron '" + expression + "' is not valid: " + e.getMessage());
        }
    }

    /** The next {@code count} fire times strictly after {@code from}. */
    public List<ZonedDateTime> after(Instant from, int count) {
        List<ZonedDateTime> fires = new ArrayList<>(count);
        LocalDateTime local = from.atZone(zone).toLocalDateTime();
        @Nullable Instant last = from;
        for (int step = 0; step < MAX_STEPS && fires.size() < count; step++) {
            LocalDateTime next = cron.next(local);
            if (next == null) {
                break;
            }
            local = next;
            if (!parity.includes(next.toLocalDate())) {
                continue;
            }
            ZonedDateTime fire = ZonedDateTime.ofLocal(next, zone, null);
            if (fire.toInstant().isAfter(last)) {
                fires.add(fire);
                last = fire.toInstant();
            }
        }
        return fires;
    }

    @Override
    public String toString() {
        return expression + " in " + zone
                + (parity == WeekParity.ANY ? "" : ", " + parity.name().toLowerCase() + " weeks");
    }
}
