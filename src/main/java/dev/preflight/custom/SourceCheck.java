package dev.preflight.custom;

/**
 * What a kind of source can check of its definition without running it (a database URL's driver
 * and properties, its query's parameters), so a mistake is an import error, not a failed check.
 */
@FunctionalInterface
public interface SourceCheck {

    SourceCheck NONE = source -> {};

    void check(SourceDefinition source) throws SourceFailure;
}
