package dev.preflight.history;

import org.jspecify.annotations.Nullable;

/** What to list; null fields match everything. Pages count from 0. */
public record ExecutionFilter(
        @Nullable String project,
        @Nullable String release,
        @Nullable ExecutionStatus status,
        int page,
        int size) {

    public ExecutionFilter {
        if (page < 0) {
            throw new IllegalArgumentException("page must be >= 0");
        }
        if (size < 1 || size > 500) {
            throw new IllegalArgumentException("page size must be between 1 and 500");
        }
    }

    public static ExecutionFilter all() {
        return new ExecutionFilter(null, null, null, 0, 50);
    }
}
