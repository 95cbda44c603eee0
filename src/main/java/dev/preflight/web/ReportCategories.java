package dev.preflight.web;

import dev.preflight.check.Category;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/** The categories a stored summary holds: the seven built-in ones, then the custom checks that ran. */
final class ReportCategories {

    private ReportCategories() {}

    /** @param labels custom categories' display names by key, where the report gives them */
    static List<Category> of(JsonNode summary, Map<String, String> labels) {
        TreeSet<Category> categories = new TreeSet<>(Category.builtIn());
        for (String key : summary.propertyNames()) {
            if (key.startsWith(Category.CUSTOM_PREFIX)) {
                try {
                    categories.add(Category.custom(key.substring(Category.CUSTOM_PREFIX.length()), labels.get(key)));
                } catch (IllegalArgumentException notACheckName) {
                    // an imported summary with a malformed key: not shown rather than failing the page
                }
            }
        }
        return new ArrayList<>(categories);
    }

    /** The custom categories' labels a report's findings carry. */
    static Map<String, String> labels(JsonNode report) {
        Map<String, String> labels = new java.util.HashMap<>();
        for (JsonNode finding : report.path("findings")) {
            if (finding.path("label").isString()) {
                labels.putIfAbsent(
                        finding.path("category").asString(""),
                        finding.path("label").stringValue());
            }
        }
        return labels;
    }
}
