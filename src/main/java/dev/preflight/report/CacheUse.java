package dev.preflight.report;

import dev.preflight.cache.CacheType;
import dev.preflight.cache.Cached;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** What one check read from the cache rather than upstream, said on its report with each type's oldest age. */
final class CacheUse {

    private final List<Cached<?>> used = new CopyOnWriteArrayList<>();

    <T> T value(Cached<T> read) {
        if (read.fromCache()) {
            used.add(read);
        }
        return read.value();
    }

    /** "Reference data from cache: jira.versions (from cache, 4 min old), …", or nothing when all was read fresh. */
    Optional<String> note(Instant now) {
        Map<CacheType, Cached<?>> oldest = new java.util.TreeMap<>(java.util.Comparator.comparing(CacheType::name));
        for (Cached<?> read : used) {
            oldest.merge(read.type(), read, (a, b) -> a.loadedAt().isBefore(b.loadedAt()) ? a : b);
        }
        if (oldest.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = oldest.values().stream()
                .map(read -> read.type() + " (" + read.notice(now) + ")")
                .toList();
        return Optional.of("Reference data from cache: " + String.join(", ", parts)
                + "; the release's tickets, change requests and statuses were read fresh, and what the cache"
                + " did not have was asked again");
    }
}
