package dev.preflight.check;

import org.jspecify.annotations.Nullable;

/**
 * One problem of one ticket in one category. The assignee is an e-mail, or a Jira account id; the
 * summary is Jira's text (untrusted: escape it wherever it is shown). A custom check's finding about
 * the release as a whole has no ticket, and names its recipients (e-mails) itself.
 */
public record Finding(
        @Nullable String ticket,
        @Nullable String summary,
        Category category,
        Severity severity,
        @Nullable String assignee,
        String detail,
        @Nullable String url,
        java.util.List<String> recipients) {

    public Finding {
        recipients = java.util.List.copyOf(recipients);
    }

    /** A finding told to its ticket's assignee (through the per-assignee table), as the built-in checks make. */
    public Finding(
            @Nullable String ticket,
            @Nullable String summary,
            Category category,
            Severity severity,
            @Nullable String assignee,
            String detail,
            @Nullable String url) {
        this(ticket, summary, category, severity, assignee, detail, url, java.util.List.of());
    }
}
