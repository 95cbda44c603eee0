package dev.preflight.upstream;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * When to try again: the server's word first (Retry-After, else X-RateLimit-Reset), otherwise
 * exponential backoff with full jitter, capped, and never past a total budget.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration totalBudget) {

    public static RetryPolicy standard() {
        return new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /** The delay before attempt {@code attempt + 1} (attempt counts from 1). */
    public Duration delay(int attempt, @Nullable String retryAfter, @Nullable String rateLimitReset, Instant now) {
        Optional<Duration> told = parseRetryAfter(retryAfter, now).or(() -> parseReset(rateLimitReset, now));
        if (told.isPresent()) {
            return told.get();
        }
        long ceiling = Math.min(maxDelay.toMillis(), baseDelay.toMillis() * (1L << Math.min(attempt - 1, 20)));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, Math.max(ceiling, 1) + 1));
    }

    static Optional<Duration> parseRetryAfter(@Nullable String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return Optional.of(nonNegative(Duration.between(now, at)));
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    static Optional<Duration> parseReset(@Nullable String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(nonNegative(Duration.between(now, Instant.parse(value.trim()))));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Duration nonNegative(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
