package dev.preflight.check;

import org.jspecify.annotations.Nullable;

/**
 * One problem of one ticket in one category. The assignee is an e-mail, or a Jira account id; the
 * summary is Jira's text (untrusted: escape it wherever it is shown).
 */
public record Finding(
        String ticket,
        @Nullable String summary,
        Category category,
        Severity severity,
        @Nullable String assignee,
        String detail,
        @Nullable String url) {}
