package dev.preflight.history;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A finding as stored, queryable by execution, release and ticket. */
public record StoredFinding(
        UUID execution,
        @Nullable String ticket,
        String category,
        String severity,
        @Nullable String assignee,
        String detail) {}
