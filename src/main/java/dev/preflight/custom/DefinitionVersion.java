package dev.preflight.custom;

import java.time.Instant;

/**
 * One stored version of the definitions: the document as written, who changed it, when, and how
 * ("import", "edit in the Checks tab", "revert to version 3").
 */
public record DefinitionVersion(int version, String document, String changedBy, Instant changedAt, String change) {}
