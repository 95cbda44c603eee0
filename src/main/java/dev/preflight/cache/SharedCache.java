package dev.preflight.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The servers' level of the cache. A read within its type's lifetime is answered here; otherwise
 * one caller asks the upstream and every caller asking for the same key meanwhile waits for that
 * answer (one upstream call per key, whatever the concurrency). When the upstream fails, the last
 * value is served up to {@code staleMaxAge} old, saying so. A type not stored is still coalesced
 * but never kept.
 */
@Component
public class SharedCache {

    private record Key(CacheType type, String key) {}

    private record Entry(Object value, Instant loadedAt, long bytes) {}

    private final PolicySource policies;
    private final Clock clock;
    private final JsonMapper json;
    private final @Nullable MeterRegistry meters;
    private final Cache<Key, Entry> entries;
    private final Map<Key, CompletableFuture<Entry>> loading = new ConcurrentHashMap<>();
    private final Map<CacheType, Tally> tallies = new ConcurrentHashMap<>();
    private final Map<String, io.micrometer.core.instrument.Counter> counters = new ConcurrentHashMap<>();

    @org.springframework.beans.factory.annotation.Autowired
    SharedCache(CachePolicies policies, Optional<Clock> clock, JsonMapper json, Optional<MeterRegistry> meters) {
        this((PolicySource) policies, clock, json, meters);
    }

    private SharedCache(PolicySource policies, Optional<Clock> clock, JsonMapper json, Optional<MeterRegistry> meters) {
        this.policies = policies;
        this.clock = clock.orElse(Clock.systemUTC());
        this.json = json;
        this.meters = meters.orElse(null);
        Duration staleMaxAge = policies.properties().staleMaxAge();
        this.entries = Caffeine.newBuilder()
                .maximumSize(policies.properties().maxEntries())
                // kept for the longer of the lifetime and the stale window: an entry past its
                // lifetime can still stand in for a failed upstream
                .expireAfter(Expiry.<Key, Entry>writing((key, entry) -> {
                    Duration ttl = policies.policy(key.type()).ttl();
                    return ttl.compareTo(staleMaxAge) > 0 ? ttl : staleMaxAge;
                }))
                .build();
        policies.onClear(this::drop);
    }

    /** A cache that keeps nothing, for a one-off use outside a server (a test, a tool). */
    public static SharedCache keepingNothing(JsonMapper json) {
        return new SharedCache(PolicySource.keepNothing(), Optional.empty(), json, Optional.empty());
    }

    /**
     * The value of a key, from here when it is fresh, otherwise from {@code loader}.
     *
     * @param key what identifies the value within its type (never a secret: it is kept in memory)
     * @throws RuntimeException what the loader threw, when no stale value may stand in
     */
    @SuppressWarnings("unchecked")
    public <T> Cached<T> get(CacheType type, String key, Supplier<T> loader) {
        CachePolicy policy = policies.policy(type);
        Tally tally = tally(type);
        Key k = new Key(type, key);
        Instant now = clock.instant();
        Entry kept = policy.store() ? entries.getIfPresent(k) : null;
        if (kept != null && fresh(kept, policy, now)) {
            tally.hits.increment();
            count(type, "hit");
            return new Cached<>((T) kept.value(), type, kept.loadedAt(), Cached.Origin.CACHE, null);
        }
        CompletableFuture<Entry> mine = new CompletableFuture<>();
        CompletableFuture<Entry> running = loading.putIfAbsent(k, mine);
        boolean leader = running == null;
        if (leader) {
            load(k, policy, loader, mine, tally);
        }
        try {
            Entry loaded = (leader ? mine : running).join();
            if (leader) {
                tally.misses.increment();
                count(type, "miss");
            } else {
                tally.shared.increment();
                count(type, "shared");
            }
            return new Cached<>(
                    (T) loaded.value(),
                    type,
                    loaded.loadedAt(),
                    leader ? Cached.Origin.UPSTREAM : Cached.Origin.SHARED,
                    null);
        } catch (CompletionException e) {
            RuntimeException failure = e.getCause() instanceof RuntimeException runtime ? runtime : e;
            tally.errors.increment();
            Entry last = policy.store() ? entries.getIfPresent(k) : null;
            if (last != null
                    && !Duration.between(last.loadedAt(), clock.instant())
                            .minus(policies.properties().staleMaxAge())
                            .isPositive()) {
                tally.stale.increment();
                count(type, "stale");
                return new Cached<>((T) last.value(), type, last.loadedAt(), Cached.Origin.STALE, reason(failure));
            }
            count(type, "error");
            throw failure;
        }
    }

    private <T> void load(Key k, CachePolicy policy, Supplier<T> loader, CompletableFuture<Entry> mine, Tally tally) {
        long started = System.nanoTime();
        try {
            T value = loader.get();
            Entry entry = new Entry(value, clock.instant(), policy.store() ? size(value) : 0);
            if (policy.store() && !policy.ttl().isZero()) {
                entries.put(k, entry); // before the key is released: a caller arriving next finds it
            }
            mine.complete(entry);
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
        } finally {
            long took = System.nanoTime() - started;
            tally.loadNanos.add(took);
            tally.loads.increment();
            if (meters != null) {
                meters.timer("preflight.cache.loads", "type", k.type().name()).record(Duration.ofNanos(took));
            }
            loading.remove(k, mine);
        }
    }

    private static boolean fresh(Entry entry, CachePolicy policy, Instant now) {
        return Duration.between(entry.loadedAt(), now).compareTo(policy.ttl()) < 0;
    }

    /** Drops this node's entries of a type (every node does, when told). */
    void drop(CacheType type) {
        entries.asMap().keySet().removeIf(key -> key.type().equals(type));
    }

    /** Per type: the policy in force and this node's figures since it started. */
    public List<CacheFigures> figures(Collection<CacheType> more) {
        return policies.all(more).stream().map(this::figures).toList();
    }

    private CacheFigures figures(CachePolicy policy) {
        Tally tally = tally(policy.type());
        long count = 0;
        long bytes = 0;
        for (var e : entries.asMap().entrySet()) {
            if (e.getKey().type().equals(policy.type())) {
                count++;
                bytes += e.getValue().bytes();
            }
        }
        long loads = tally.loads.sum();
        return new CacheFigures(
                policy,
                tally.hits.sum(),
                tally.misses.sum(),
                tally.shared.sum(),
                tally.stale.sum(),
                tally.errors.sum(),
                loads == 0 ? Duration.ZERO : Duration.ofNanos(tally.loadNanos.sum() / loads),
                count,
                bytes);
    }

    private Tally tally(CacheType type) {
        return tallies.computeIfAbsent(type, t -> new Tally());
    }

    private void count(CacheType type, String result) {
        if (meters != null) {
            // looked up once: a hit is a map read, not a registry search
            counters.computeIfAbsent(
                            type.name() + " " + result,
                            k -> meters.counter("preflight.cache.requests", "type", type.name(), "result", result))
                    .increment();
        }
    }

    private long size(Object value) {
        try {
            return json.writeValueAsBytes(value).length;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** The upstream's own words, short: "Jira unreachable" rather than a stack. */
    private static String reason(RuntimeException failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        String line = message.lines().findFirst().orElse(message);
        return line.length() <= 160 ? line : line.substring(0, 160) + "…";
    }

    private static final class Tally {
        final LongAdder hits = new LongAdder();
        final LongAdder misses = new LongAdder();
        final LongAdder shared = new LongAdder();
        final LongAdder stale = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder loads = new LongAdder();
        final LongAdder loadNanos = new LongAdder();
    }
}
