package dev.preflight.continuity;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param readUrl where reads go when no primary answers (PREFLIGHT_DATABASE_READURL); empty: the
 *     datasource URL with {@code targetServerType=preferPrimary}, when it names several hosts
 * @param probe how often a read-only node asks whether a primary is back
 */
@ConfigurationProperties("preflight.database")
record ContinuityProperties(
        @Nullable String readUrl, @DefaultValue("2s") Duration probe) {

    /** The replicas' URL for this datasource URL, or null when there is nowhere else to read. */
    @Nullable
    String readUrlFor(String url) {
        if (readUrl != null && !readUrl.isBlank()) {
            return readUrl;
        }
        if (!url.startsWith("jdbc:postgresql://")) {
            return null;
        }
        String hosts = url.substring("jdbc:postgresql://".length()).split("/", 2)[0];
        if (!hosts.contains(",")) {
            return null; // one server: when it is gone, there is nothing to read from
        }
        String withoutTarget =
                url.replaceAll("([?&])targetServerType=[^&]*&?", "$1").replaceAll("[?&]$", "");
        return withoutTarget + (withoutTarget.contains("?") ? "&" : "?") + "targetServerType=preferPrimary";
    }
}
