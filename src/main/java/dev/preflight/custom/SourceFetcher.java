package dev.preflight.custom;

/** Reaches an {@code http} or {@code jdbc} source (the {@code jira} one comes with the check's own reads). */
@FunctionalInterface
public interface SourceFetcher {

    SourceAnswer fetch(SourceDefinition source, SourceContext context) throws SourceFailure;
}
