package dev.preflight.push;

import com.interaso.webpush.WebPush;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Posts one encrypted message to a device's push service (RFC 8030) and says what its answer
 * means. The library encrypts (RFC 8291) and signs the VAPID token (RFC 8292, valid 12 h); the
 * answer's meaning, retries included, is ours.
 */
final class PushService {

    /** What the push service's answer means for the message and the device. */
    enum Outcome {
        /** Accepted (201): the push service will deliver it. */
        DELIVERED,
        /** 404 or 410: the subscription has expired or was removed; the device goes. */
        GONE,
        /** 429, 5xx or no answer: try again, after {@code retryAfter} when the service said. */
        RETRY,
        /** Any other refusal (a bad token, too large): trying again would not help. */
        REFUSED
    }

    record Answer(Outcome outcome, @Nullable Duration retryAfter, String detail) {}

    private static final Duration LONGEST_WAIT = Duration.ofHours(1);

    private final HttpClient http;
    private final Clock clock;

    PushService(Clock clock) {
        this.clock = clock;
        // never follows a redirect: the endpoint was checked, wherever it would lead was not
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    Answer post(
            WebPush push,
            Subscription to,
            byte[] payload,
            Duration ttl,
            @Nullable String topic,
            PushMessage.Urgency urgency) {
        byte[] body = push.getBody(payload, to.publicKey(), to.secret());
        Map<String, String> headers = push.getHeaders(
                to.endpoint(), (int) ttl.toSeconds(), topic, WebPush.Urgency.valueOf(capitalised(urgency)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(to.endpoint()))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Answer(
                    Outcome.RETRY,
                    null,
                    "no answer from the push service: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(Outcome.RETRY, null, "interrupted");
        }
        int status = response.statusCode();
        String detail = "push service answered " + status + excerpt(response.body());
        if (status >= 200 && status < 300) {
            return new Answer(Outcome.DELIVERED, null, detail);
        }
        if (status == 404 || status == 410) {
            return new Answer(Outcome.GONE, null, detail);
        }
        if (status == 429 || status >= 500) {
            return new Answer(
                    Outcome.RETRY,
                    retryAfter(response.headers().firstValue("Retry-After").orElse(null)),
                    detail);
        }
        return new Answer(Outcome.REFUSED, null, detail);
    }

    /** Retry-After as seconds or as an HTTP date (RFC 9110), kept within an hour; null when absent or unreadable. */
    @Nullable
    Duration retryAfter(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(value.strip()));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                wait = Duration.between(clock.instant(), at);
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    private static String capitalised(PushMessage.Urgency urgency) {
        String name = urgency.name();
        return name.charAt(0) + name.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    private static String excerpt(@Nullable String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String clean = body.replaceAll("\\p{Cntrl}", " ").strip();
        return ": " + (clean.length() > 120 ? clean.substring(0, 120) + "…" : clean);
    }
}
