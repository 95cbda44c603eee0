package dev.preflight.custom;

import dev.preflight.check.Category;
import dev.preflight.check.Severity;
import java.util.List;

/**
 * One custom check: when {@code when} holds (once for the release, or once per ticket), a finding of
 * category {@code custom:<name>} with the {@code detail} expression's text.
 *
 * @param recipients e-mails told of a release-level finding (the document's {@code notify})
 */
public record CheckDefinition(
        String name,
        String label,
        String source,
        CheckScope scope,
        String when,
        Severity severity,
        String detail,
        List<String> recipients) {

    public CheckDefinition {
        recipients = List.copyOf(recipients);
    }

    public Category category() {
        return Category.custom(name, label);
    }
}
