package dev.preflight.report;

import dev.preflight.check.Category;
import dev.preflight.check.CheckPolicy;
import dev.preflight.check.Severity;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The check's settings: a severity per category (keys are the report's category names) and the
 * default project.
 */
@ConfigurationProperties("preflight.check")
public record CheckProperties(
        @DefaultValue Map<String, String> severity,
        @Nullable String project) {

    public CheckProperties {
        policy(severity); // fail at startup, naming the bad key or value
    }

    public CheckPolicy policy() {
        return policy(severity);
    }

    private static CheckPolicy policy(Map<String, String> severity) {
        Map<Category, Severity> severities = new java.util.TreeMap<>();
        severity.forEach((category, value) -> {
            try {
                severities.put(Category.fromKey(category), Severity.fromKey(value));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("preflight.check.severity." + category + ": " + e.getMessage());
            }
        });
        return new CheckPolicy(severities);
    }
}
