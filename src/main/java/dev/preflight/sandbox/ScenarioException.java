package dev.preflight.sandbox;

/** A scenario file that cannot be used; the message names the file, the JSON path and the problem. */
public class ScenarioException extends RuntimeException {
    public ScenarioException(String message) {
        super(message);
    }
}
