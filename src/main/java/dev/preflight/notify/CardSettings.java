package dev.preflight.notify;

import java.time.ZoneId;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * How to draw the cards: schema version ("1.4", or "1.5" with a real Table), the team's zone,
 * the size limit of one payload, whether to mention, and where the web UI is (for the button).
 */
public record CardSettings(
        String version,
        ZoneId zone,
        int maxBytes,
        boolean mentions,
        @Nullable String publicUrl,
        @Nullable UUID executionId) {

    public CardSettings {
        if (!version.equals("1.4") && !version.equals("1.5")) {
            throw new IllegalArgumentException("card version must be 1.4 or 1.5, not " + version);
        }
        if (maxBytes < 4_000) {
            throw new IllegalArgumentException("card size limit must be at least 4000 bytes");
        }
    }
}
