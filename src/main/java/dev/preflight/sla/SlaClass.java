package dev.preflight.sla;

import dev.preflight.check.Severity;
import java.util.Locale;

/** The service class of a problem: by default its finding's severity. */
public enum SlaClass {
    BLOCKING,
    SEMI_BLOCKING,
    MINOR;

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static SlaClass of(Severity severity) {
        return switch (severity) {
            case BLOCKING -> BLOCKING;
            case SEMI_BLOCKING -> SEMI_BLOCKING;
            case MINOR -> MINOR;
        };
    }

    public static SlaClass fromKey(String key) {
        for (SlaClass c : values()) {
            if (c.key().equals(key.strip().toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        throw new IllegalArgumentException("SLA class: '" + key + "' is not blocking, semi-blocking or minor");
    }
}
