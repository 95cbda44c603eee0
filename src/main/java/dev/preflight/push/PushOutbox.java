package dev.preflight.push;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Push messages are stored first, one per device, then posted by whichever node looks first (a
 * row is claimed before it is sent, so two nodes never post it twice). A push service that is busy
 * (429) or failing (5xx) is asked again when it said, or sooner and sooner less often; a message
 * whose TTL has passed, or that was tried {@code attempts} times, is given up; a device its push
 * service no longer knows (404, 410) is removed with its messages.
 */
@Service
public class PushOutbox {

    private static final Logger log = LoggerFactory.getLogger(PushOutbox.class);

    /** How long a claimed row is left to the node that claimed it before another may take it. */
    private static final Duration CLAIM = Duration.ofMinutes(2);

    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);
    private static final Duration LONGEST_BACKOFF = Duration.ofMinutes(10);

    enum Status {
        PENDING,
        SENT,
        FAILED
    }

    private record Due(
            UUID id,
            UUID device,
            String payload,
            @Nullable String topic,
            PushMessage.Urgency urgency,
            Instant expiresAt,
            int attempts) {}

    private final JdbcClient jdbc;
    private final Devices devices;
    private final VapidKeyring keys;
    private final PushProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final PushService service;
    private final @Nullable MeterRegistry meters;

    PushOutbox(
            JdbcClient jdbc,
            Devices devices,
            VapidKeyring keys,
            PushProperties properties,
            JsonMapper json,
            Optional<Clock> clock,
            Optional<MeterRegistry> meters) {
        this.jdbc = jdbc;
        this.devices = devices;
        this.keys = keys;
        this.properties = properties;
        this.json = json;
        this.clock = clock.orElse(Clock.systemUTC());
        this.service = new PushService(this.clock);
        this.meters = meters.orElse(null);
        for (String outcome : List.of("delivered", "gone", "retry", "refused", "expired")) {
            count(outcome, 0); // present from the start: rates begin at zero
        }
    }

    /** Queues the message for every device of these people (names or e-mail addresses) that wants it. */
    public int queue(Collection<String> people, PushMessage message) {
        List<Devices.Target> targets = devices.wanting(people, message.kind());
        targets.forEach(target -> queue(target.id(), message));
        return targets.size();
    }

    void queue(UUID device, PushMessage message) {
        Instant now = clock.instant();
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("title", message.title());
        payload.put("body", message.body());
        payload.put("url", message.url());
        payload.put("tag", message.tag());
        payload.put("kind", message.kind().key());
        jdbc.sql("""
                        INSERT INTO push_outbox (id, device_id, kind, payload, topic, urgency, ttl_seconds, created_at,
                                                 expires_at, next_attempt_at, attempts, status)
                        VALUES (:id, :device, :kind, :payload, :topic, :urgency, :ttl, :at, :expires, :at, 0, 'PENDING')""")
                .param("id", UUID.randomUUID())
                .param("device", device)
                .param("kind", message.kind().name())
                .param("payload", json.writeValueAsString(payload))
                .param("topic", topic(message.tag()))
                .param("urgency", message.urgency().name())
                .param("ttl", (int) message.kind().ttl.toSeconds())
                .param("at", Timestamp.from(now))
                .param("expires", Timestamp.from(now.plus(message.kind().ttl)))
                .update();
    }

    /**
     * Posts what is due, as this node can: without a usable key nothing is claimed, so a node that
     * has one sends it. Returns how many were posted (whatever the answer).
     */
    public int deliverDue() {
        Instant now = clock.instant();
        List<Due> due = jdbc.sql("""
                        SELECT id, device_id, payload, topic, urgency, expires_at, attempts
                        FROM push_outbox WHERE status = 'PENDING' AND next_attempt_at <= :now
                        ORDER BY next_attempt_at FETCH FIRST 50 ROWS ONLY""")
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new Due(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getString(4),
                        PushMessage.Urgency.valueOf(rs.getString(5)),
                        rs.getTimestamp(6).toInstant(),
                        rs.getInt(7)))
                .list();
        // the key is read only once there is something to sign
        if (due.isEmpty() || !(keys.state() instanceof VapidKeyring.Ready ready)) {
            return 0;
        }
        int posted = 0;
        for (Due message : due) {
            try {
                if (deliver(ready, message)) {
                    posted++;
                }
            } catch (RuntimeException e) {
                // one bad row does not stop the others; it is tried again once its claim lapses
                log.warn("push message {} not sent: {}", message.id(), e.getMessage());
            }
        }
        return posted;
    }

    private boolean deliver(VapidKeyring.Ready ready, Due message) {
        Instant now = clock.instant();
        String claim = UUID.randomUUID().toString();
        // a row is claimed by moving its next attempt past now: whoever else read it as due finds it taken
        boolean claimed = jdbc.sql("""
                                UPDATE push_outbox SET next_attempt_at = :lease, attempts = attempts + 1, claim = :claim
                                WHERE id = :id AND status = 'PENDING' AND next_attempt_at <= :now""")
                        .param("lease", Timestamp.from(now.plus(CLAIM)))
                        .param("claim", claim)
                        .param("id", message.id())
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
        if (!claimed) {
            return false; // another node has it
        }
        if (!now.isBefore(message.expiresAt())) {
            finish(message.id(), claim, Status.FAILED, "its TTL passed before a push service accepted it");
            count("expired");
            return false;
        }
        Devices.Target target = devices.target(message.device()).orElse(null);
        if (target == null) {
            return false; // the device was removed meanwhile, its messages with it
        }
        PushService.Answer answer;
        try {
            Subscription.PushServices.of(properties)
                    .requireAllowed(java.net.URI.create(target.subscription().endpoint()));
            answer = service.post(
                    ready.webPush(),
                    target.subscription(),
                    message.payload().getBytes(StandardCharsets.UTF_8),
                    Duration.between(now, message.expiresAt()),
                    message.topic(),
                    message.urgency());
        } catch (IllegalArgumentException refused) {
            answer = new PushService.Answer(PushService.Outcome.REFUSED, null, refused.getMessage());
        } catch (Exception unusable) { // the library's Kotlin throws checked exceptions undeclared
            answer = new PushService.Answer(
                    PushService.Outcome.REFUSED, null, "the device's keys cannot encrypt a message");
        }
        int attempts = message.attempts() + 1;
        count(answer.outcome().name().toLowerCase(java.util.Locale.ROOT));
        switch (answer.outcome()) {
            case DELIVERED -> {
                finish(message.id(), claim, Status.SENT, null);
                devices.delivered(target.id(), clock.instant());
            }
            case GONE -> {
                log.info("push device {} is gone from its push service ({}): removed", target.id(), answer.detail());
                devices.forget(target.id());
            }
            case REFUSED -> {
                finish(message.id(), claim, Status.FAILED, answer.detail());
                devices.failed(target.id(), answer.detail());
            }
            case RETRY -> {
                Duration wait = answer.retryAfter() != null ? answer.retryAfter() : backoff(attempts);
                Instant next = clock.instant().plus(wait);
                if (attempts >= properties.attempts() || !next.isBefore(message.expiresAt())) {
                    finish(
                            message.id(),
                            claim,
                            Status.FAILED,
                            "given up after " + attempts + " attempts: " + answer.detail());
                    devices.failed(target.id(), answer.detail());
                } else {
                    jdbc.sql("UPDATE push_outbox SET next_attempt_at = :at, last_error = :error, claim = NULL"
                                    + " WHERE id = :id AND claim = :claim AND status = 'PENDING'")
                            .param("at", Timestamp.from(next))
                            .param("error", cut(answer.detail()))
                            .param("id", message.id())
                            .param("claim", claim)
                            .update();
                }
            }
        }
        return true;
    }

    /** 5 s, 10 s, 20 s … at most 10 min between attempts when the push service did not say. */
    static Duration backoff(int attempts) {
        Duration wait = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempts - 1, 16));
        return wait.compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : wait;
    }

    private void finish(UUID id, String claim, Status status, @Nullable String error) {
        jdbc.sql("UPDATE push_outbox SET status = :status, last_error = :error, sent_at = :at"
                        + " WHERE id = :id AND claim = :claim AND status = 'PENDING'")
                .param("status", status.name())
                .param("error", error == null ? null : cut(error))
                .param("at", status == Status.SENT ? Timestamp.from(clock.instant()) : null)
                .param("id", id)
                .param("claim", claim)
                .update();
    }

    /** Messages sent or given up, after a week: their payloads are not kept for ever. */
    public int purge(Duration age) {
        return jdbc.sql("DELETE FROM push_outbox WHERE status <> 'PENDING' AND created_at < :before")
                .param("before", Timestamp.from(clock.instant().minus(age)))
                .update();
    }

    private void count(String outcome) {
        count(outcome, 1);
    }

    private void count(String outcome, int amount) {
        if (meters != null) {
            meters.counter("preflight.push.deliveries", "outcome", outcome).increment(amount);
        }
    }

    /** RFC 8030's Topic: at most 32 base64url characters; one per tag, so a newer message replaces an undelivered older one. */
    private static String topic(String tag) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(tag.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(digest)
                    .substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cut(String text) {
        return text.length() > 300 ? text.substring(0, 300) : text;
    }
}
