package dev.preflight.packaging;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** How to reach (and, where it is not a permanent service, run) the packaging server. */
@Validated
@ConfigurationProperties("preflight.packaging")
public record PackagingProperties(
        @NotNull URI url,
        @NotBlank String user,
        @NotBlank String password,
        @Min(1) @Max(500) @DefaultValue("500") int pageSize,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("60s") Duration requestTimeout,
        @DefaultValue("5m") Duration resyncTimeout,
        @DefaultValue("1s") Duration resyncPollInterval,
        @DefaultValue Map<String, String> releasePrefix,
        @Valid @DefaultValue Managed managed) {

    /** The managed process: started for a check and always stopped after it. */
    public record Managed(
            @DefaultValue("false") boolean enabled,
            @DefaultValue List<String> command,
            @Nullable Path workingDirectory,
            @Nullable Path javaHome,
            @DefaultValue("120s") Duration startTimeout,
            @DefaultValue("20s") Duration stopGrace,
            @Valid @DefaultValue Jdk jdk,
            @Nullable Path pidFile) {}

    /** Optional JDK for the managed process, downloaded once, verified and unpacked into the data directory. */
    public record Jdk(
            @Nullable URI archiveUrl,

            @Nullable @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be 64 hexadecimal digits")
            String sha256,

            @DefaultValue(".preflight/jdk") Path directory) {}

    /** The packaging server's name for a Jira release: the project's prefix stripped ("H3-2026.7" → "2026.7"). */
    public String packagingRelease(String project, String jiraRelease) {
        String prefix = releasePrefix.entrySet().stream()
                .filter(entry -> entry.getKey().toLowerCase(Locale.ROOT).equals(project.toLowerCase(Locale.ROOT)))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse("");
        String name = !prefix.isEmpty() && jiraRelease.startsWith(prefix)
                ? jiraRelease.substring(prefix.length())
                : jiraRelease;
        if (!name.matches("\\d+\\.\\d+(\\.\\d+)?")) {
            throw new IllegalArgumentException("release " + jiraRelease + " maps to packaging release '" + name
                    + "', which is not x.y or x.y.z (check preflight.packaging.release-prefix." + project + ")");
        }
        return name;
    }
}
