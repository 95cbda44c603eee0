package dev.preflight.absence;

import java.time.ZonedDateTime;

public enum HalfDay {
    MORNING,
    AFTERNOON;

    public static HalfDay of(ZonedDateTime time) {
        return time.getHour() < 12 ? MORNING : AFTERNOON;
    }
}
