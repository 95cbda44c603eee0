package dev.preflight.check;

import org.jspecify.annotations.Nullable;

/** One problem of one ticket in one category. The assignee is an e-mail, or a Jira account id. */
public record Finding(
        String ticket,
        Category category,
        Severity severity,
        @Nullable String assignee,
        String detail,
        @Nullable String url) {}
