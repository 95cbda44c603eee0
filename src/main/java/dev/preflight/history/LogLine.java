package dev.preflight.history;

import java.time.Instant;

/** One line of an execution's log. */
public record LogLine(int seq, Instant at, String level, String message) {}
