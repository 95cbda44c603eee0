package dev.preflight.check;

import java.util.Map;

/** The severity of each category; the defaults are the release managers' usual ones. */
public record CheckPolicy(Map<Category, Severity> severities) {

    public CheckPolicy {
        java.util.TreeMap<Category, Severity> complete = new java.util.TreeMap<>(defaults());
        complete.putAll(severities);
        severities = java.util.Collections.unmodifiableMap(complete);
    }

    public static CheckPolicy standard() {
        return new CheckPolicy(Map.of());
    }

    public Severity severityOf(Category category) {
        return severities.get(category);
    }

    private static Map<Category, Severity> defaults() {
        java.util.TreeMap<Category, Severity> defaults = new java.util.TreeMap<>();
        defaults.put(Category.MISSING_IN_PACKAGING, Severity.BLOCKING);
        defaults.put(Category.MISSING_IN_JIRA, Severity.BLOCKING);
        defaults.put(Category.INVALID_FIX_VERSION, Severity.BLOCKING);
        defaults.put(Category.DISABLED_CHANGE_REQUEST, Severity.BLOCKING);
        defaults.put(Category.INVALID_PACKAGE, Severity.SEMI_BLOCKING);
        defaults.put(Category.OUTDATED_PACKAGE, Severity.SEMI_BLOCKING);
        defaults.put(Category.UNREADY, Severity.MINOR);
        return defaults;
    }
}
