package dev.preflight.push;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** People's devices that accept push messages, and which messages each person wants. */
@Repository
class Devices {

    /** Where to post for one device. */
    record Target(UUID id, Subscription subscription) {}

    private final JdbcClient jdbc;
    private final PushProperties properties;
    private final Clock clock;

    Devices(JdbcClient jdbc, PushProperties properties, Optional<Clock> clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** The name reports and problems know a person by, compared without case. */
    static String person(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Registers this device for this person. A browser that subscribed before (the same endpoint)
     * now belongs to whoever registered it last, as the device would show their messages.
     */
    @Transactional
    UUID register(String memberId, String name, Subscription subscription, String label) {
        var known = jdbc.sql("SELECT member_id, p256dh, auth FROM push_device WHERE endpoint = :endpoint")
                .param("endpoint", subscription.endpoint())
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional();
        if (known.isPresent()) {
            // only the browser holding the subscription knows its keys: an endpoint alone moves nothing
            if (!known.get().get(1).equals(subscription.p256dh())
                    || !known.get().get(2).equals(subscription.auth())) {
                throw new PushSettings.Conflict("endpoint: already registered with other keys");
            }
            jdbc.sql("DELETE FROM push_device WHERE endpoint = :endpoint")
                    .param("endpoint", subscription.endpoint())
                    .update();
        }
        int count = jdbc.sql("SELECT COUNT(*) FROM push_device WHERE member_id = :member")
                .param("member", memberId)
                .query(Integer.class)
                .single();
        if (count >= properties.devicesPerPerson()) {
            throw new IllegalArgumentException(
                    "devices: you have " + count + " already, the most one person may have; remove one first");
        }
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql("""
                            INSERT INTO push_device (id, member_id, person, endpoint, p256dh, auth, label, created_at)
                            VALUES (:id, :member, :person, :endpoint, :p256dh, :auth, :label, :at)""")
                    .param("id", id)
                    .param("member", memberId)
                    .param("person", person(name))
                    .param("endpoint", subscription.endpoint())
                    .param("p256dh", subscription.p256dh())
                    .param("auth", subscription.auth())
                    .param("label", label)
                    .param("at", Timestamp.from(clock.instant()))
                    .update();
        } catch (org.springframework.dao.DuplicateKeyException twice) {
            // the same browser registering twice at once (a double tap): the first one stands
            throw new PushSettings.Conflict("endpoint: being registered a moment ago; reload the page");
        }
        return id;
    }

    List<PushSettings.Device> of(String memberId) {
        return jdbc.sql("""
                        SELECT id, label, created_at, last_sent_at, last_error FROM push_device
                        WHERE member_id = :member ORDER BY created_at""")
                .param("member", memberId)
                .query((rs, n) -> new PushSettings.Device(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getTimestamp(3).toInstant(),
                        instant(rs.getTimestamp(4)),
                        rs.getString(5)))
                .list();
    }

    /** Removes one of the person's own devices; false if it is not theirs or not there. */
    boolean remove(String memberId, UUID device) {
        return jdbc.sql("DELETE FROM push_device WHERE id = :id AND member_id = :member")
                        .param("id", device)
                        .param("member", memberId)
                        .update()
                > 0;
    }

    /** This browser's subscription, when its owner signs out on it: no more messages there. */
    boolean forget(String memberId, String endpoint) {
        return jdbc.sql("DELETE FROM push_device WHERE member_id = :member AND endpoint = :endpoint")
                        .param("member", memberId)
                        .param("endpoint", endpoint)
                        .update()
                > 0;
    }

    /** Every device of someone who may no longer read Preflight. */
    int withdraw(String memberId) {
        return jdbc.sql("DELETE FROM push_device WHERE member_id = :member")
                .param("member", memberId)
                .update();
    }

    /** A device its push service no longer knows (404, 410): its messages go with it. */
    void forget(UUID device) {
        jdbc.sql("DELETE FROM push_device WHERE id = :id").param("id", device).update();
    }

    /** The devices of these people that want this kind of message. */
    List<Target> wanting(java.util.Collection<String> people, MessageKind kind) {
        if (people.isEmpty()) {
            return List.of();
        }
        // kind.column is one of three constants, never input
        return jdbc.sql("SELECT d.id, d.endpoint, d.p256dh, d.auth FROM push_device d"
                        + " LEFT JOIN push_preference p ON p.member_id = d.member_id"
                        + " WHERE d.person IN (:people) AND (p.member_id IS NULL OR p." + kind.column + " = TRUE)"
                        + " ORDER BY d.created_at")
                .param("people", people.stream().map(Devices::person).distinct().toList())
                .query((rs, n) -> new Target(
                        rs.getObject(1, UUID.class),
                        new Subscription(rs.getString(2), rs.getString(3), rs.getString(4))))
                .list();
    }

    Optional<Target> target(UUID device) {
        return jdbc.sql("SELECT id, endpoint, p256dh, auth FROM push_device WHERE id = :id")
                .param("id", device)
                .query((rs, n) -> new Target(
                        rs.getObject(1, UUID.class),
                        new Subscription(rs.getString(2), rs.getString(3), rs.getString(4))))
                .optional();
    }

    void delivered(UUID device, Instant at) {
        jdbc.sql("UPDATE push_device SET last_sent_at = :at, last_error = NULL WHERE id = :id")
                .param("at", Timestamp.from(at))
                .param("id", device)
                .update();
    }

    void failed(UUID device, String error) {
        jdbc.sql("UPDATE push_device SET last_error = :error WHERE id = :id")
                .param("error", error.length() > 300 ? error.substring(0, 300) : error)
                .param("id", device)
                .update();
    }

    PushSettings.Choices preferences(String memberId) {
        return jdbc.sql("SELECT findings, finished, escalations FROM push_preference WHERE member_id = :member")
                .param("member", memberId)
                .query((rs, n) -> new PushSettings.Choices(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3)))
                .optional()
                .orElse(PushSettings.Choices.ALL);
    }

    @Transactional
    void choose(String memberId, PushSettings.Choices preferences) {
        jdbc.sql("DELETE FROM push_preference WHERE member_id = :member")
                .param("member", memberId)
                .update();
        jdbc.sql("""
                        INSERT INTO push_preference (member_id, findings, finished, escalations)
                        VALUES (:member, :findings, :finished, :escalations)""")
                .param("member", memberId)
                .param("findings", preferences.findings())
                .param("finished", preferences.finished())
                .param("escalations", preferences.escalations())
                .update();
    }

    private static @Nullable Instant instant(@Nullable Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
