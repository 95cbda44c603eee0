package dev.preflight.absence;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The Lucca API (v3) and the team's time zone, which decides what "today" and "this morning" are. */
@Validated
@ConfigurationProperties("preflight.lucca")
public record AbsenceProperties(
        @NotNull URI url,
        @NotBlank String key,
        @DefaultValue("Europe/Paris") ZoneId zone,
        @DefaultValue("10s") Duration timeout) {}
