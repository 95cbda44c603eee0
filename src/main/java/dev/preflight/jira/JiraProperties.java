package dev.preflight.jira;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach Jira Cloud. With {@code user} set, Basic auth (e-mail + API token); without it, the
 * token is sent as a bearer token.
 */
@Validated
@ConfigurationProperties("preflight.jira")
public record JiraProperties(
        @NotNull URI url,
        @Nullable String user,
        @NotBlank String token,
        @Valid @DefaultValue Fields fields,
        @Min(1) @Max(5000) @DefaultValue("5000") int searchPageSize,
        @Min(1) @Max(64) @DefaultValue("8") int bulkConcurrency,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("30s") Duration requestTimeout,
        @DefaultValue("60s") Duration retryBudget,
        @Nullable String browseUrl) {

    /** Custom-field ids are per Jira site: configuration, never code. */
    public record Fields(
            @DefaultValue("customfield_10201") String qcAssignee,
            @DefaultValue("customfield_10202") String codeReviewer,
            @DefaultValue("customfield_10203") String packages,
            @Nullable String qcStatus,
            @DefaultValue("Done") List<String> qcDoneValues) {}

    /** The base of ticket links in reports. */
    public String browseBase() {
        String base = browseUrl != null ? browseUrl : url.toString().replaceAll("/+$", "") + "/browse/";
        return base.endsWith("/") ? base : base + "/";
    }
}
