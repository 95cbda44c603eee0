package dev.preflight.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code limit} events per key in a fixed window that starts with the key's first event.
 * Kept in memory on each node: a cluster of N nodes allows up to N times the limit, which still
 * stops guessing passwords or a script starting checks in a loop.
 */
final class RateLimit {

    private final int limit;
    private final Cache<String, AtomicInteger> counts;

    RateLimit(int limit, Duration window) {
        this.limit = limit;
        this.counts = Caffeine.newBuilder()
                .expireAfterWrite(window)
                .maximumSize(100_000)
                .build();
    }

    /** Counts one event; false when the key has used up its window. */
    boolean tryAcquire(String key) {
        return counts.get(key, k -> new AtomicInteger()).incrementAndGet() <= limit;
    }

    boolean exhausted(String key) {
        AtomicInteger count = counts.getIfPresent(key);
        return count != null && count.get() >= limit;
    }

    void record(String key) {
        counts.get(key, k -> new AtomicInteger()).incrementAndGet();
    }

    /** Gives back one event counted by {@link #tryAcquire}. */
    void release(String key) {
        AtomicInteger count = counts.getIfPresent(key);
        if (count != null) {
            count.updateAndGet(n -> Math.max(0, n - 1));
        }
    }

    void reset(String key) {
        counts.invalidate(key);
    }
}
