package dev.preflight.jira;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** A Jira project version (a release). */
public record JiraVersion(
        String id,
        String name,
        boolean released,
        boolean archived,
        @Nullable LocalDate releaseDate) {}
