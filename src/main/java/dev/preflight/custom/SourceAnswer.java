package dev.preflight.custom;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What a source answered, as plain JSON values (maps, lists, strings, numbers, booleans, null) for
 * JSONata: all pages' items concatenated, or the rows.
 *
 * @param bytes the raw answer's size over all pages (rows: an estimate of their JSON size)
 * @param requests upstream requests made (pages, token requests, retries)
 */
public record SourceAnswer(@Nullable Object value, long bytes, Duration took, int requests) {}
