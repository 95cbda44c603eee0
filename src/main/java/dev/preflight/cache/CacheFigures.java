package dev.preflight.cache;

import java.time.Duration;

/**
 * One type's figures on this node since it started.
 *
 * @param shared callers answered by another caller's upstream call in flight (coalesced)
 * @param stale values served past their lifetime because the upstream failed
 * @param bytes estimated size of the entries kept (their JSON form)
 */
public record CacheFigures(
        CachePolicy policy,
        long hits,
        long misses,
        long shared,
        long stale,
        long errors,
        Duration meanLoad,
        long entries,
        long bytes) {

    public double hitRatio() {
        long asked = hits + misses + shared;
        return asked == 0 ? 0 : (double) (hits + shared) / asked;
    }
}
