package dev.preflight.custom;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What a source answered, as plain JSON values (maps, lists, strings, numbers, booleans, null) for
 * JSONata: all pages' items concatenated, or the rows.
 *
 * @param bytes the raw answer's size over all pages (rows: an estimate of their JSON size)
 * @param requests upstream requests made (pages, token requests, retries)
 * @param cacheNotice "from cache, 4 min old" when the servers' cache answered instead of the source
 */
public record SourceAnswer(
        @Nullable Object value,
        long bytes,
        Duration took,
        int requests,
        @Nullable String cacheNotice) {

    public SourceAnswer(@Nullable Object value, long bytes, Duration took, int requests) {
        this(value, bytes, took, requests, null);
    }

    /** The same answer served from the servers' cache: no request made now. */
    SourceAnswer fromCache(String notice) {
        return new SourceAnswer(value, bytes, Duration.ZERO, 0, notice);
    }
}
