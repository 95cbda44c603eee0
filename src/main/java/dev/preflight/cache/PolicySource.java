package dev.preflight.cache;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/** Where the cache learns each type's lifetime: the stored policies, or none at all for a one-off use. */
interface PolicySource {

    CachePolicy policy(CacheType type);

    List<CachePolicy> all(Collection<CacheType> more);

    CacheProperties properties();

    void onClear(Consumer<CacheType> clearer);

    /** Nothing kept: every read asks the upstream (concurrent reads of one key still share it). */
    static PolicySource keepNothing() {
        CacheProperties properties = new CacheProperties(
                java.util.Map.of(), java.util.Map.of(), java.time.Duration.ZERO, 1, java.time.Duration.ofMinutes(1));
        return new PolicySource() {
            @Override
            public CachePolicy policy(CacheType type) {
                return new CachePolicy(type, java.time.Duration.ZERO, false, null, null);
            }

            @Override
            public List<CachePolicy> all(Collection<CacheType> more) {
                return more.stream().map(this::policy).toList();
            }

            @Override
            public CacheProperties properties() {
                return properties;
            }

            @Override
            public void onClear(Consumer<CacheType> clearer) {}
        };
    }
}
