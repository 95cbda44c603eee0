package dev.preflight.custom;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What one source did in a run, for "Try" and the log: its raw answer's size and time, the facts
 * its transform made, or why it failed (one line).
 */
public record SourceTrace(
        String source,
        SourceDefinition.Kind kind,
        long bytes,
        Duration took,
        int requests,
        @Nullable Object facts,
        @Nullable String failure,
        @Nullable String cacheNotice) {

    public SourceTrace(
            String source,
            SourceDefinition.Kind kind,
            long bytes,
            Duration took,
            int requests,
            @Nullable Object facts,
            @Nullable String failure) {
        this(source, kind, bytes, took, requests, facts, failure, null);
    }

    public boolean failed() {
        return failure != null;
    }
}
