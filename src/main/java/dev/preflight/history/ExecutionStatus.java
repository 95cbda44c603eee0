package dev.preflight.history;

import java.util.Locale;

public enum ExecutionStatus {
    RUNNING,
    SUCCESS,
    /** The report was built and stored; a notification failed (its error is kept). */
    PARTIAL,
    ERROR,
    CANCELLED,
    /** Its node stopped (crash, kill) before it ended; the log is kept with the reason. */
    INTERRUPTED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ExecutionStatus fromKey(String key) {
        for (ExecutionStatus status : values()) {
            if (status.key().equalsIgnoreCase(key.trim())) {
                return status;
            }
        }
        throw new IllegalArgumentException(
                "unknown status '" + key + "' (expected running, success, partial, error, cancelled or interrupted)");
    }
}
