package dev.preflight.directory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The LDAP directory. {@code url} is {@code ldap://host:389} or {@code ldaps://host:636};
 * {@code startTls} upgrades a plain connection. {@code trustAll} is for test directories only.
 */
@Validated
@ConfigurationProperties("preflight.ldap")
public record DirectoryProperties(
        @NotNull URI url,
        @Nullable String bindDn,
        @Nullable String password,
        @NotBlank String baseDn,
        @DefaultValue("false") boolean startTls,
        @DefaultValue("false") boolean trustAll,
        @DefaultValue("(mail={0})") String mailFilter,
        @DefaultValue("(displayName={0})") String displayNameFilter,
        @Nullable String accountIdAttribute,
        @Min(1) @Max(32) @DefaultValue("4") int poolSize,
        @DefaultValue("5s") Duration timeout) {}
