package dev.preflight.history;

import java.util.Locale;

/** What started an execution. */
public enum Trigger {
    WEB,
    API,
    CLI,
    SCHEDULE,
    IMPORT;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Trigger fromKey(String key) {
        return valueOf(key.trim().toUpperCase(Locale.ROOT));
    }
}
