package dev.preflight.cache;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How long the servers keep one type of data, and whether they keep it at all.
 *
 * @param changedBy who set it, or null while it is the configured default
 */
public record CachePolicy(
        CacheType type,
        Duration ttl,
        boolean store,
        @Nullable Instant changedAt,
        @Nullable String changedBy) {

    /** A week: beyond that, data is no longer a cache but a copy. */
    public static final Duration LONGEST = Duration.ofDays(7);

    public CachePolicy {
        requireTtl(ttl);
    }

    public static Duration requireTtl(Duration ttl) {
        if (ttl.isNegative() || ttl.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("ttl: must be between PT0S and " + LONGEST + ", not " + ttl);
        }
        return ttl;
    }

    /** A lifetime as people type it: ISO-8601 (PT10M) or a number with s, m, h or d (10m, 1h, 1d). */
    public static Duration parseTtl(String text) {
        String t = text.strip();
        try {
            if (t.toUpperCase(java.util.Locale.ROOT).startsWith("P")) {
                return requireTtl(Duration.parse(t));
            }
            var m = java.util.regex.Pattern.compile("(\\d{1,6})([smhd])").matcher(t);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return requireTtl(
                        switch (m.group(2)) {
                            case "s" -> Duration.ofSeconds(n);
                            case "m" -> Duration.ofMinutes(n);
                            case "h" -> Duration.ofHours(n);
                            default -> Duration.ofDays(n);
                        });
            }
        } catch (java.time.format.DateTimeParseException e) {
            // said below
        }
        throw new IllegalArgumentException(
                "ttl: '" + CacheType.excerpt(t) + "' is not a lifetime (examples: PT10M, 10m, 1h, 1d)");
    }

    boolean isDefault() {
        return changedBy == null;
    }
}
