package dev.preflight.check;

public enum Severity {
    BLOCKING("blocking"),
    SEMI_BLOCKING("semi-blocking"),
    MINOR("minor");

    private final String key;

    Severity(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Severity fromKey(String key) {
        for (Severity severity : values()) {
            if (severity.key.equalsIgnoreCase(key) || severity.name().equalsIgnoreCase(key)) {
                return severity;
            }
        }
        throw new IllegalArgumentException(
                "unknown severity '" + key + "' (expected blocking, semi-blocking or minor)");
    }
}
