package dev.preflight.schedule;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * Which ISO weeks a rule fires in. The ISO week number is taken as it is: in a year with 53 ISO
 * weeks (2026, 2032) week 53 and the next week 1 are both odd, so an odd-week rule fires two
 * weeks in a row there (and an even-week rule skips two).
 */
public enum WeekParity {
    ANY,
    ODD,
    EVEN;

    public boolean includes(LocalDate day) {
        int week = day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        return switch (this) {
            case ANY -> true;
            case ODD -> week % 2 == 1;
            case EVEN -> week % 2 == 0;
        };
    }

    public static WeekParity fromKey(String key) {
        try {
            return valueOf(key.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("week parity must be any, odd or even, not '" + key + "'");
        }
    }
}
