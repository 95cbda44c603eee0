package dev.preflight.report;

/** The check could not produce a report for a reason that is not an upstream's fault (bad project or release). */
public class CheckFailedException extends RuntimeException {
    public CheckFailedException(String message) {
        super(message);
    }
}
