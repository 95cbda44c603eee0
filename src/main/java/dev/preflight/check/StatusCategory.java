package dev.preflight.check;

/** Jira's language-independent status category ({@code statusCategory.key}). */
public enum StatusCategory {
    NEW,
    INDETERMINATE,
    DONE;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static StatusCategory fromKey(String key) {
        return switch (key) {
            case "new" -> NEW;
            case "indeterminate" -> INDETERMINATE;
            case "done" -> DONE;
            default ->
                throw new IllegalArgumentException(
                        "unknown status category '" + key + "' (expected new, indeterminate or done)");
        };
    }
}
