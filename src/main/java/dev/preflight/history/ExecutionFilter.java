package dev.preflight.history;

import org.jspecify.annotations.Nullable;

/**
 * What to list; null fields match everything. Pages count from 0. People searching type the start
 * of a name in any case ("h3-2026.8", "2026.8", "et"): {@link #search} matches project and release
 * (or packaging release) by case-insensitive prefix; code that knows the release matches it exactly.
 */
public record ExecutionFilter(
        @Nullable String project,
        @Nullable String release,
        @Nullable ExecutionStatus status,
        int page,
        int size,
        boolean prefixes) {

    /** An exact filter. */
    public ExecutionFilter(
            @Nullable String project, @Nullable String release, @Nullable ExecutionStatus status, int page, int size) {
        this(project, release, status, page, size, false);
    }

    /** What a person typed: project and release by case-insensitive prefix. */
    public static ExecutionFilter search(
            @Nullable String project, @Nullable String release, @Nullable ExecutionStatus status, int page, int size) {
        return new ExecutionFilter(project, release, status, page, size, true);
    }

    /** The same filter on another page. */
    public ExecutionFilter onPage(int other) {
        return new ExecutionFilter(project, release, status, other, size, prefixes);
    }

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
