package dev.preflight.sandbox;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One payload the sandbox's Teams sink received, as posted. {@code failure} says why the flow
 * would not show it (Workflows accepts the request with 202 and fails the run afterwards).
 */
public record TeamsPost(
        Instant receivedAt, String body, @Nullable String failure) {

    public boolean shown() {
        return failure == null;
    }
}
