package dev.preflight.notify;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One card of an execution's Teams notification, as the outbox keeps it. */
public record OutboxEntry(
        UUID execution,
        int part,
        int parts,
        String payload,
        String idempotencyKey,
        Status status,
        int attempts,
        @Nullable String lastError,
        Instant createdAt,
        @Nullable Instant sentAt) {

    public enum Status {
        PENDING,
        SENT,
        /** Prepared and stored but never to be posted. */
        DRY_RUN;

        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Status fromKey(String key) {
            return valueOf(key.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }
}
