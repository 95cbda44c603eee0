package dev.preflight.notify;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Teams Workflows webhook and how cards are drawn. The webhook must be https unless
 * {@code allowInsecure} (for local tests); the sandbox's sink is used when none is set and the
 * check runs against a sandbox.
 */
@Validated
@ConfigurationProperties("preflight.teams")
public record TeamsProperties(
        @Nullable URI webhookUrl,
        @DefaultValue("false") boolean allowInsecure,
        @Nullable URI sandboxWebhookUrl,

        @Pattern(regexp = "1\\.[45]", message = "must be 1.4 or 1.5") @DefaultValue("1.4")
        String cardVersion,

        @Min(4000) @Max(28000) @DefaultValue("24000") int maxCardBytes,
        @DefaultValue("Europe/Paris") ZoneId zone,
        @DefaultValue("true") boolean mentions,
        @Nullable String publicUrl,
        @Min(1) @Max(10) @DefaultValue("4") int attempts,
        @DefaultValue("30s") Duration timeout,
        @DefaultValue("5m") Duration outboxRetryInterval) {

    public TeamsProperties {
        URI effective = webhookUrl != null ? webhookUrl : sandboxWebhookUrl;
        if (webhookUrl != null && !"https".equalsIgnoreCase(webhookUrl.getScheme()) && !allowInsecure) {
            throw new IllegalArgumentException("preflight.teams.webhook-url must be https (set"
                    + " PREFLIGHT_TEAMS_ALLOW_INSECURE=true only for local tests)");
        }
        if (effective != null && effective.getHost() == null) {
            throw new IllegalArgumentException("preflight.teams.webhook-url is not an absolute URL");
        }
    }

    /** Where cards go: the configured webhook, else the sandbox's sink; null when neither. */
    public @Nullable URI target() {
        return webhookUrl != null ? webhookUrl : sandboxWebhookUrl;
    }
}
