package dev.preflight.notify;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OutboxRepository {

    private final JdbcClient jdbc;

    OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void replace(UUID execution, List<OutboxEntry> entries) {
        jdbc.sql("DELETE FROM notification WHERE execution_id = ?")
                .param(execution)
                .update();
        for (OutboxEntry e : entries) {
            jdbc.sql("INSERT INTO notification (execution_id, part, parts, payload, idempotency_key, status, attempts,"
                            + " last_error, created_at, sent_at) VALUES (?,?,?,?,?,?,?,?,?,?)")
                    .params(
                            e.execution(),
                            e.part(),
                            e.parts(),
                            e.payload(),
                            e.idempotencyKey(),
                            e.status().key(),
                            e.attempts(),
                            e.lastError(),
                            time(e.createdAt()),
                            time(e.sentAt()))
                    .update();
        }
    }

    List<OutboxEntry> of(UUID execution) {
        return jdbc.sql("SELECT execution_id, part, parts, payload, idempotency_key, status, attempts, last_error,"
                        + " created_at, sent_at FROM notification WHERE execution_id = ? ORDER BY part")
                .param(execution)
                .query((rs, n) -> new OutboxEntry(
                        rs.getObject(1, UUID.class),
                        rs.getInt(2),
                        rs.getInt(3),
                        rs.getString(4),
                        rs.getString(5),
                        OutboxEntry.Status.fromKey(rs.getString(6)),
                        rs.getInt(7),
                        rs.getString(8),
                        rs.getObject(9, OffsetDateTime.class).toInstant(),
                        rs.getObject(10, OffsetDateTime.class) == null
                                ? null
                                : rs.getObject(10, OffsetDateTime.class).toInstant()))
                .list();
    }

    List<UUID> executionsWithPending() {
        return jdbc.sql("SELECT DISTINCT execution_id FROM notification WHERE status = 'pending'")
                .query(UUID.class)
                .list();
    }

    void sent(UUID execution, int part, Instant at) {
        jdbc.sql("UPDATE notification SET status = 'sent', attempts = attempts + 1, last_error = NULL, sent_at = ?"
                        + " WHERE execution_id = ? AND part = ?")
                .params(time(at), execution, part)
                .update();
    }

    void failed(UUID execution, int part, String error) {
        jdbc.sql("UPDATE notification SET attempts = attempts + 1, last_error = ? WHERE execution_id = ? AND part = ?")
                .params(error, execution, part)
                .update();
    }

    private static @Nullable OffsetDateTime time(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
