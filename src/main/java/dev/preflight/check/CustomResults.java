package dev.preflight.check;

import java.util.List;

/**
 * What the custom checks found, computed beside the built-in ones: every category that ran (so a
 * check that found nothing still counts 0) and its findings.
 */
public record CustomResults(List<Category> categories, List<Finding> findings) {

    public CustomResults {
        categories = List.copyOf(categories);
        findings = List.copyOf(findings);
        for (Finding finding : findings) {
            if (!finding.category().isCustom() || !categories.contains(finding.category())) {
                throw new IllegalArgumentException(
                        "finding of " + finding.category() + " is not of a custom check run");
            }
        }
    }

    public static CustomResults none() {
        return new CustomResults(List.of(), List.of());
    }
}
