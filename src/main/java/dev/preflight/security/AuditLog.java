package dev.preflight.security;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Who signed in, started, cancelled, deleted, resent or changed what, and when; kept in the database. */
@Service
public class AuditLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    private final org.springframework.beans.factory.ObjectProvider<dev.preflight.continuity.DatabaseMode> database;

    public AuditLog(
            JdbcClient jdbc,
            Optional<Clock> clock,
            org.springframework.beans.factory.ObjectProvider<dev.preflight.continuity.DatabaseMode> database) {
        this.database = database;
        this.jdbc = jdbc;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** Whether it took effect. */
    public enum Outcome {
        DONE,
        REFUSED;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public record Event(
            long id,
            Instant at,
            String actor,
            String action,
            @Nullable String target,
            Outcome outcome,
            @Nullable String detail,
            @Nullable String address) {}

    /** Something that took effect. */
    public void record(
            String actor, String action, @Nullable String target, @Nullable String detail, @Nullable String address) {
        record(actor, action, target, Outcome.DONE, detail, address);
    }

    /** Something done or refused; a refusal's reason goes in {@code detail}. */
    public void record(
            String actor,
            String action,
            @Nullable String target,
            Outcome outcome,
            @Nullable String detail,
            @Nullable String address) {
        try {
            jdbc.sql("INSERT INTO audit_event (at, actor, action, target, outcome, detail, address)"
                            + " VALUES (?,?,?,?,?,?,?)")
                    .params(
                            clock.instant().atOffset(ZoneOffset.UTC),
                            clip(actor, 256),
                            clip(action, 64),
                            clip(target, 512),
                            outcome.key(),
                            clip(detail, 1024),
                            clip(address, 64))
                    .update();
        } catch (org.springframework.dao.DataAccessException e) {
            var mode = database.getIfAvailable();
            if (mode == null || !mode.readOnly()) {
                throw e; // with a primary, an action that cannot be audited does not happen
            }
            // a database without a primary refuses every change anyway: what it could not keep is logged
            org.slf4j.LoggerFactory.getLogger(AuditLog.class)
                    .warn(
                            "audit event not stored ({}): {} {} {} by {}",
                            e.getClass().getSimpleName(),
                            action,
                            outcome.key(),
                            clip(target, 100),
                            clip(actor, 100));
        }
    }

    /** The newest events first, optionally only one actor's or one action's, at most {@code limit}. */
    public List<Event> recent(@Nullable String actor, @Nullable String action, int limit) {
        StringBuilder sql = new StringBuilder(
                "SELECT id, at, actor, action, target, outcome, detail, address FROM audit_event WHERE 1=1");
        List<Object> params = new ArrayList<>();
        if (actor != null && !actor.isBlank()) {
            sql.append(" AND actor = ?");
            params.add(actor.strip());
        }
        if (action != null && !action.isBlank()) {
            sql.append(" AND action = ?");
            params.add(action.strip());
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(Math.max(1, Math.min(limit, 10_000)));
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> new Event(
                        rs.getLong(1),
                        rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        Outcome.valueOf(rs.getString(6).toUpperCase(java.util.Locale.ROOT)),
                        rs.getString(7),
                        rs.getString(8)))
                .list();
    }

    /** At most {@code length} characters, line breaks and other control characters shown as '?'. */
    private static @Nullable String clip(@Nullable String text, int length) {
        if (text == null) {
            return null;
        }
        String flat = text.replaceAll("\\p{Cntrl}", "?");
        return flat.length() <= length ? flat : flat.substring(0, length - 1) + "…";
    }
}
