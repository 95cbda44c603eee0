package dev.preflight.sandbox;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A message the sandbox's push service accepted, decrypted with its subscription's keys as the
 * browser would, with the headers and VAPID claims it came with.
 */
public record PushedMessage(
        String endpoint,
        Instant receivedAt,
        String payload,
        int ttl,
        @Nullable String urgency,
        @Nullable String topic,
        String subject,
        Instant expiresAt) {}
