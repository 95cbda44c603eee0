package dev.preflight.custom;

/** A definitions document that is not valid: one line, the path first ({@code checks[2].when: ...}). */
public class DefinitionException extends IllegalArgumentException {

    private final String path;

    public DefinitionException(String path, String problem) {
        super(path.isEmpty() ? problem : path + ": " + problem);
        this.path = path;
    }

    /** Where in the document, e.g. {@code checks[2].when}; empty for the document itself. */
    public String path() {
        return path;
    }
}
