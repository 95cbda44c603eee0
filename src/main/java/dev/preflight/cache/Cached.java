package dev.preflight.cache;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A value and where it came from.
 *
 * @param failure why the upstream could not be asked, when a stale value stands in
 */
public record Cached<T>(
        T value,
        CacheType type,
        Instant loadedAt,
        Origin origin,
        @Nullable String failure) {

    public enum Origin {
        /** this call asked the upstream */
        UPSTREAM,
        /** another caller's upstream call, running at the same moment, answered this one too */
        SHARED,
        /** kept from an earlier call, within its lifetime */
        CACHE,
        /** kept beyond its lifetime because the upstream failed */
        STALE
    }

    public boolean fromCache() {
        return origin == Origin.CACHE || origin == Origin.STALE;
    }

    public Duration age(Instant now) {
        Duration age = Duration.between(loadedAt, now);
        return age.isNegative() ? Duration.ZERO : age;
    }

    /** "from cache, 4 min old" or "from cache, 4 min old: Jira unreachable". */
    public String notice(Instant now) {
        String said = "from cache, " + ago(age(now)) + " old";
        return failure == null ? said : said + ": " + failure;
    }

    public static String ago(Duration age) {
        long seconds = age.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min";
        }
        if (seconds < 86_400) {
            return seconds / 3600 + " h " + (seconds % 3600) / 60 + " min";
        }
        return seconds / 86_400 + " d";
    }
}
