package dev.preflight.usage;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retention how long daily figures are kept
 * @param flush how often a node writes what it counted
 * @param keyFile the secret the daily visitor salt is derived from; the same on every node (a
 *     shared volume or a mounted secret); empty: {@code <data-dir>/keys/usage-salt-key}
 */
@ConfigurationProperties("preflight.usage")
record UsageProperties(
        @DefaultValue("400d") Duration retention,
        @DefaultValue("30s") Duration flush,
        @Nullable Path keyFile) {

    UsageProperties {
        if (retention.toDays() < 1) {
            throw new IllegalArgumentException("preflight.usage.retention must be at least 1d");
        }
    }
}
