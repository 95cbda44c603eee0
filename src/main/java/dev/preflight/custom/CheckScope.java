package dev.preflight.custom;

public enum CheckScope {
    /** evaluated once: one finding with no ticket */
    RELEASE,
    /** evaluated per ticket of the release, with {@code $ticket} bound */
    TICKET
}
