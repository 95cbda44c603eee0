package dev.preflight.cache;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The lifetimes in force: the configuration's defaults, overridden by what administrators stored.
 * A change is stored with an event and, on PostgreSQL, announced with NOTIFY; every node applies
 * the events after the last one it saw, so one missed notification is caught up by the next read.
 */
@Component
public class CachePolicies implements PolicySource {

    static final String CHANNEL = "preflight_cache";

    enum EventKind {
        POLICY,
        CLEAR
    }

    private final JdbcClient jdbc;
    private final CacheProperties properties;
    private final Clock clock;
    private final boolean postgres;
    private final List<Consumer<CacheType>> clearers = new CopyOnWriteArrayList<>();
    private volatile Map<CacheType, CachePolicy> stored = Map.of();
    private long lastEvent;
    private static final int LOOK_BACK = 100;
    // the ids applied lately, oldest first, bounded
    private final java.util.Set<Long> applied = java.util.Collections.newSetFromMap(new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > 10 * LOOK_BACK;
        }
    });

    CachePolicies(JdbcClient jdbc, CacheProperties properties, Optional<Clock> clock, javax.sql.DataSource dataSource) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock.orElse(Clock.systemUTC());
        this.postgres = isPostgres(dataSource);
        this.lastEvent = jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM cache_event")
                .query(Long.class)
                .single();
        this.stored = readStored();
        // what was announced before this node started is in force already (policies) or moot (clears)
        jdbc.sql("SELECT id FROM cache_event WHERE id > :floor")
                .param("floor", lastEvent - LOOK_BACK)
                .query(Long.class)
                .list()
                .forEach(applied::add);
    }

    @Override
    public CacheProperties properties() {
        return properties;
    }

    @Override
    public CachePolicy policy(CacheType type) {
        CachePolicy policy = stored.get(type);
        return policy != null ? policy : properties.defaults(type);
    }

    /** The built-in types, the given ones (e.g. today's custom sources) and any stored, in that order. */
    @Override
    public List<CachePolicy> all(Collection<CacheType> more) {
        Map<CacheType, CachePolicy> all = new LinkedHashMap<>();
        CacheType.BUILT_IN.forEach(type -> all.put(type, policy(type)));
        more.forEach(type -> all.put(type, policy(type)));
        stored.keySet().forEach(type -> all.putIfAbsent(type, policy(type)));
        return List.copyOf(all.values());
    }

    /** Stores a type's lifetime and/or store switch (null keeps what is in force) and tells every node. */
    @Transactional
    public CachePolicy change(CacheType type, @Nullable Duration ttl, @Nullable Boolean store, String by) {
        CachePolicy now = policy(type);
        CachePolicy changed = new CachePolicy(
                type,
                ttl == null ? now.ttl() : CachePolicy.requireTtl(ttl),
                store == null ? now.store() : store,
                clock.instant(),
                by.length() <= 128 ? by : by.substring(0, 128));
        // two administrators at once: the second insert meets the first's row and updates it
        if (write(
                        "UPDATE cache_policy SET ttl_seconds = :ttl, store = :store, changed_by = :by, changed_at = :at"
                                + " WHERE type = :type",
                        changed)
                == 0) {
            try {
                write(
                        "INSERT INTO cache_policy (type, ttl_seconds, store, changed_by, changed_at)"
                                + " VALUES (:type, :ttl, :store, :by, :at)",
                        changed);
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                write(
                        "UPDATE cache_policy SET ttl_seconds = :ttl, store = :store, changed_by = :by, changed_at = :at"
                                + " WHERE type = :type",
                        changed);
            }
        }
        announce(type, EventKind.POLICY);
        return changed;
    }

    private int write(String sql, CachePolicy policy) {
        return jdbc.sql(sql)
                .param("type", policy.type().name())
                .param("ttl", policy.ttl().toSeconds())
                .param("store", policy.store())
                .param("by", policy.changedBy())
                .param("at", Timestamp.from(java.util.Objects.requireNonNull(policy.changedAt())))
                .update();
    }

    /** Empties a type's entries on every node; the next read asks the upstream. */
    @Transactional
    public void clear(CacheType type) {
        announce(type, EventKind.CLEAR);
    }

    private void announce(CacheType type, EventKind kind) {
        jdbc.sql("INSERT INTO cache_event (type, kind, at) VALUES (:type, :kind, :at)")
                .param("type", type.name())
                .param("kind", kind.name())
                .param("at", Timestamp.from(clock.instant()))
                .update();
        if (postgres) {
            // delivered at commit, to every node listening, this one included
            jdbc.sql("SELECT pg_notify('" + CHANNEL + "', :type)")
                    .param("type", type.name())
                    .query()
                    .singleRow();
        }
        // this node need not wait for the notification, nor a CLI for a server
        if (!org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            refresh();
            return;
        }
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        refresh();
                    }
                });
    }

    /** Called with a type whose entries every node must drop. */
    @Override
    public void onClear(Consumer<CacheType> clearer) {
        clearers.add(clearer);
    }

    boolean postgres() {
        return postgres;
    }

    /** Applies what changed since the last event seen: after a notification, a reconnect, or on a timer. */
    synchronized void refresh() {
        Map<CacheType, CachePolicy> before = stored;
        stored = readStored();
        // identities can commit out of order: look back a little and skip what was applied already
        List<Event> events = jdbc.sql("SELECT id, type, kind FROM cache_event WHERE id > :floor ORDER BY id")
                .param("floor", lastEvent - LOOK_BACK)
                .query((rs, n) -> new Event(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .list();
        List<CacheType> cleared = new ArrayList<>();
        for (Event event : events) {
            if (!applied.add(event.id())) {
                continue;
            }
            lastEvent = Math.max(lastEvent, event.id());
            CacheType type;
            try {
                type = new CacheType(event.type());
            } catch (IllegalArgumentException unknown) {
                continue; // written by a newer version
            }
            if (event.kind().equals(EventKind.CLEAR.name())) {
                cleared.add(type);
            }
        }
        // a type no longer stored drops what it kept
        stored.forEach((type, policy) -> {
            CachePolicy was = before.getOrDefault(type, properties.defaults(type));
            if (was.store() && !policy.store()
                    || !was.ttl().isZero() && policy.ttl().isZero()) {
                cleared.add(type);
            }
        });
        cleared.forEach(type -> clearers.forEach(clearer -> clearer.accept(type)));
    }

    private Map<CacheType, CachePolicy> readStored() {
        Map<CacheType, CachePolicy> read = new LinkedHashMap<>();
        jdbc.sql("SELECT type, ttl_seconds, store, changed_by, changed_at FROM cache_policy ORDER BY type")
                .query((rs, n) -> {
                    try {
                        CacheType type = new CacheType(rs.getString(1));
                        Instant at = rs.getTimestamp(5).toInstant();
                        return new CachePolicy(
                                type, Duration.ofSeconds(rs.getLong(2)), rs.getBoolean(3), at, rs.getString(4));
                    } catch (IllegalArgumentException unknown) {
                        return null;
                    }
                })
                .list()
                .forEach(policy -> {
                    if (policy != null) {
                        read.put(policy.type(), policy);
                    }
                });
        return Map.copyOf(read);
    }

    private static boolean isPostgres(javax.sql.DataSource dataSource) {
        try (var connection = dataSource.getConnection()) {
            return connection
                    .getMetaData()
                    .getDatabaseProductName()
                    .toLowerCase(java.util.Locale.ROOT)
                    .contains("postgres");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
        }
    }

    private record Event(long id, String type, String kind) {}
}
