package dev.preflight.cache;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The defaults in force until an administrator changes a type at run time (stored changes win).
 *
 * @param ttl lifetime per type name; a custom source's type falls back to {@code source} (0: not kept)
 * @param store types stored by default, beyond those with a lifetime and not personal
 * @param staleMaxAge how old a value may be when it is served because its upstream failed
 * @param maxEntries entries kept over all types, the least recently used going first
 * @param recheck how often a node re-reads the stored policies in case it missed a notification
 */
@ConfigurationProperties("preflight.cache")
public record CacheProperties(
        @DefaultValue Map<String, Duration> ttl,
        @DefaultValue Map<String, Boolean> store,
        @DefaultValue("1h") Duration staleMaxAge,
        @DefaultValue("10000") int maxEntries,
        @DefaultValue("30s") Duration recheck) {

    /** The lifetimes before any configuration: reference data minutes to a day, the public board seconds. */
    static final Map<String, Duration> DEFAULT_TTL = Map.of(
            "jira.versions", Duration.ofMinutes(10),
            "jira.open-tickets", Duration.ofMinutes(1),
            "packaging.releases", Duration.ofMinutes(10),
            "packaging.packages", Duration.ofDays(1),
            "directory.people", Duration.ofHours(1),
            "absences", Duration.ofHours(1),
            "board", Duration.ofSeconds(10),
            // a custom source may be the release's own state (a pipeline): kept only once an administrator says so
            "source", Duration.ZERO);

    public CacheProperties {
        var merged = new java.util.HashMap<>(DEFAULT_TTL);
        ttl.forEach((name, lifetime) -> merged.put(name, CachePolicy.requireTtl(lifetime)));
        ttl = Map.copyOf(merged);
        store = Map.copyOf(store);
    }

    /** The configured policy of a type: personal data is not stored unless configured so. */
    CachePolicy defaults(CacheType type) {
        Duration lifetime = ttl.getOrDefault(type.name(), ttl.get("source"));
        boolean stored = store.getOrDefault(type.name(), !type.personal());
        return new CachePolicy(type, lifetime, stored, null, null);
    }
}
