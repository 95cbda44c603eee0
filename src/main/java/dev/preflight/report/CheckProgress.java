package dev.preflight.report;

/** What a running check reports as it goes: for a progress bar, a log, or a live page. */
public interface CheckProgress {

    void step(String description);

    /** Part of a step with a known size, e.g. Jira issues fetched. */
    default void advance(String what, long done, long total) {}

    static CheckProgress silent() {
        return description -> {};
    }
}
