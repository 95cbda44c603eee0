package dev.preflight.history;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Retention: an execution is deleted once it is both beyond the newest {@code keep} of its
 * release and older than {@code maxAge}; applied daily at {@code retentionCron}.
 */
@Validated
@ConfigurationProperties("preflight.history")
public record HistoryProperties(
        @Min(1) @DefaultValue("50") int keep,
        @DefaultValue("180d") Duration maxAge,
        @DefaultValue("0 30 3 * * *") String retentionCron) {}
