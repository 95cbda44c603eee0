package dev.preflight.custom;

/**
 * A source that could not answer (unreachable, refused host, 5xx after retries, timeout, not JSON,
 * over a limit). The message is one line, never holds a secret, and ends up in a finding's detail.
 */
public class SourceFailure extends Exception {

    public SourceFailure(String message) {
        super(message);
    }

    public SourceFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
