package dev.preflight.custom;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Custom sources' settings ({@code preflight.sources.*}): where they may connect and how far they
 * may go. One place for every default.
 *
 * @param allowedHosts host names, {@code *.domain} patterns and CIDRs sources may reach (empty: none)
 * @param maxAnswerBytes an HTTP source's answer over all pages
 * @param maxRows a database source's rows
 * @param attempts tries of an HTTP request answered 429, 5xx or cut off (1 = no retry)
 * @param maxRetryWait the longest {@code Retry-After} honoured
 * @param transformTimeout a JSONata evaluation's time
 * @param transformDepth a JSONata evaluation's recursion depth
 */
@ConfigurationProperties("preflight.sources")
public record SourceLimits(
        @DefaultValue List<String> allowedHosts,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("10485760") long maxAnswerBytes,
        @DefaultValue("100000") int maxRows,
        @DefaultValue("30s") Duration statementTimeout,
        @DefaultValue("3") int attempts,
        @DefaultValue("30s") Duration maxRetryWait,
        @DefaultValue("2s") Duration transformTimeout,
        @DefaultValue("200") int transformDepth) {

    public SourceLimits {
        allowedHosts = List.copyOf(allowedHosts);
        if (attempts < 1 || maxRows < 1 || maxAnswerBytes < 1 || transformDepth < 1) {
            throw new IllegalArgumentException(
                    "preflight.sources: attempts, max-rows, max-answer-bytes and transform-depth must be at least 1");
        }
    }

    /** These settings (keys as after {@code preflight.sources.}, e.g. {@code allowed-hosts}) over the defaults. */
    public static SourceLimits of(java.util.Map<String, String> settings) {
        java.util.Map<String, String> prefixed = new java.util.HashMap<>();
        settings.forEach((key, value) -> prefixed.put("preflight.sources." + key, value));
        return new org.springframework.boot.context.properties.bind.Binder(
                        new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(prefixed))
                .bindOrCreate("preflight.sources", SourceLimits.class);
    }
}
