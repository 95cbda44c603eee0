package dev.preflight.custom;

import java.time.Instant;

/**
 * One stored version of the definitions: the document as written, who changed it, when, and how
 * ("import", "edit in the Checks tab", "revert to version 3").
 */
public record DefinitionVersion(int version, String document, String changedBy, Instant changedAt, String change) {

    /** A change note as stored: one line of at most 200 characters, or {@code otherwise} when blank. */
    public static String note(@org.jspecify.annotations.Nullable String text, String otherwise) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        String line = text.replaceAll("\\p{Cntrl}", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
