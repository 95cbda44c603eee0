package dev.preflight.sandbox;

import java.time.Instant;

/** One payload the sandbox's Teams sink received, as posted. */
public record TeamsPost(Instant receivedAt, String body) {}
