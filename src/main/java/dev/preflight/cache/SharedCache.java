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
 * value is served up to {@code staleMaxAge} past its lifetime, saying so. A type not stored is still coalesced
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
    private final Map<CacheType, java.util.concurrent.atomic.AtomicLong> generations = new ConcurrentHashMap<>();
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
                // kept for its lifetime and the stale window after it: an entry past its lifetime
                // can still stand in for a failed upstream
                .expireAfter(Expiry.<Key, Entry>writing(
                        (key, entry) -> policies.policy(key.type()).ttl().plus(staleMaxAge)))
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
    public <T> Cached<T> get(CacheType type, String key, Supplier<T> loader) {
        return read(type, key, loader, false);
    }

    /**
     * The value read from the upstream now (sharing a read already under way), kept for the others:
     * for a check that must not act on an old answer, e.g. a release it cannot find in the list kept.
     */
    public <T> Cached<T> reload(CacheType type, String key, Supplier<T> loader) {
        return read(type, key, loader, true);
    }

    @SuppressWarnings("unchecked")
    private <T> Cached<T> read(CacheType type, String key, Supplier<T> loader, boolean fresh) {
        Tally tally = tally(type);
        Key k = new Key(type, key);
        // a caller whose read was shared with one cut short (its check cancelled) reads again itself
        for (int attempt = 0; ; attempt++) {
            CachePolicy policy = policies.policy(type);
            Entry kept = policy.store() ? entries.getIfPresent(k) : null;
            if (!fresh && kept != null && isFresh(kept, policy, clock.instant())) {
                tally.hits.increment();
                count(type, "hit");
                return new Cached<>((T) kept.value(), type, kept.loadedAt(), Cached.Origin.CACHE, null);
            }
            CompletableFuture<Entry> mine = new CompletableFuture<>();
            CompletableFuture<Entry> running = loading.putIfAbsent(k, mine);
            boolean leader = running == null;
            if (leader) {
                // the previous leader may have stored its value between the look above and the claim
                Entry stored = !fresh && policy.store() ? entries.getIfPresent(k) : null;
                if (stored != null && isFresh(stored, policy, clock.instant())) {
                    loading.remove(k, mine);
                    mine.complete(stored);
                    tally.hits.increment();
                    count(type, "hit");
                    return new Cached<>((T) stored.value(), type, stored.loadedAt(), Cached.Origin.CACHE, null);
                }
                load(k, loader, mine, tally);
            }
            try {
                Entry loaded = (leader ? mine : running).join();
                (leader ? tally.misses : tally.shared).increment();
                count(type, leader ? "miss" : "shared");
                return new Cached<>(
                        (T) loaded.value(),
                        type,
                        loaded.loadedAt(),
                        leader ? Cached.Origin.UPSTREAM : Cached.Origin.SHARED,
                        null);
            } catch (CompletionException e) {
                if (!leader && e.getCause() instanceof LeaderStopped && attempt < 3) {
                    continue;
                }
                RuntimeException failure = e.getCause() instanceof LeaderStopped stopped
                        ? stopped.failure
                        : e.getCause() instanceof RuntimeException runtime ? runtime : e;
                tally.errors.increment();
                return stale(k, failure, tally);
            }
        }
    }

    /** The last value stands in for a failed upstream up to the stale window past its lifetime, saying why. */
    @SuppressWarnings("unchecked")
    private <T> Cached<T> stale(Key k, RuntimeException failure, Tally tally) {
        CachePolicy policy = policies.policy(k.type());
        Entry last = policy.store() ? entries.getIfPresent(k) : null;
        if (last != null) {
            Duration pastLifetime =
                    Duration.between(last.loadedAt(), clock.instant()).minus(policy.ttl());
            if (pastLifetime.compareTo(policies.properties().staleMaxAge()) <= 0) {
                tally.stale.increment();
                count(k.type(), "stale");
                return new Cached<>((T) last.value(), k.type(), last.loadedAt(), Cached.Origin.STALE, reason(failure));
            }
        }
        count(k.type(), "error");
        throw failure;
    }

    private <T> void load(Key k, Supplier<T> loader, CompletableFuture<Entry> mine, Tally tally) {
        long started = System.nanoTime();
        // a clear (or the store switch turned off) while this read runs must not be undone by its end
        long generation = generation(k.type()).get();
        Entry entry = null;
        Throwable failure = null;
        try {
            T value = loader.get();
            CachePolicy policy = policies.policy(k.type());
            entry = new Entry(value, clock.instant(), policy.store() ? size(value) : 0);
            if (policy.store() && !policy.ttl().isZero()) {
                // stored before the key is released: a caller arriving next finds it
                Entry loaded = entry;
                entries.asMap().compute(k, (key, old) -> generation(k.type()).get() == generation ? loaded : old);
            }
        } catch (RuntimeException | Error e) {
            // a read cut short by its caller's interruption fails that caller only: the others retry
            failure = Thread.currentThread().isInterrupted() && e instanceof RuntimeException runtime
                    ? new LeaderStopped(runtime)
                    : e;
        } finally {
            long took = System.nanoTime() - started;
            tally.loadNanos.add(took);
            tally.loads.increment();
            if (meters != null) {
                meters.timer("preflight.cache.loads", "type", k.type().name()).record(Duration.ofNanos(took));
            }
            // released before the waiting callers wake: one that retries must not find this read again
            loading.remove(k, mine);
        }
        if (failure != null) {
            mine.completeExceptionally(failure);
        } else {
            mine.complete(entry);
        }
    }

    private static boolean isFresh(Entry entry, CachePolicy policy, Instant now) {
        return Duration.between(entry.loadedAt(), now).compareTo(policy.ttl()) < 0;
    }

    private java.util.concurrent.atomic.AtomicLong generation(CacheType type) {
        return generations.computeIfAbsent(type, t -> new java.util.concurrent.atomic.AtomicLong());
    }

    /** The failure of a leader whose own caller stopped it: the callers sharing its read try again. */
    private static final class LeaderStopped extends RuntimeException {
        final RuntimeException failure;

        LeaderStopped(RuntimeException failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }
    }

    /** Drops this node's entries of a type (every node does, when told). */
    void drop(CacheType type) {
        generation(type).incrementAndGet();
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
