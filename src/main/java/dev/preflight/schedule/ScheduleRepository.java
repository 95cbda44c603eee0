package dev.preflight.schedule;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ScheduleRepository {

    private final JdbcClient jdbc;

    ScheduleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Schedule s) {
        jdbc.sql("INSERT INTO schedule (id, name, cron, zone, parity, project, release_name, skip_steps, notify,"
                        + " mentions, thread_link, enabled, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")
                .params(
                        s.id(),
                        s.name(),
                        s.cron(),
                        s.zone().getId(),
                        s.parity().name(),
                        s.project(),
                        s.release(),
                        s.skip(),
                        s.teams(),
                        s.mentions(),
                        s.thread(),
                        s.enabled(),
                        time(s.createdAt()))
                .update();
    }

    List<Schedule> all() {
        return jdbc.sql("SELECT * FROM schedule ORDER BY name, id")
                .query(this::schedule)
                .list();
    }

    int setEnabled(UUID id, boolean enabled) {
        return jdbc.sql("UPDATE schedule SET enabled = ? WHERE id = ?")
                .params(enabled, id)
                .update();
    }

    int delete(UUID id) {
        return jdbc.sql("DELETE FROM schedule WHERE id = ?").param(id).update();
    }

    /** Claims a fire for this node; false when another node (or an earlier tick) has it. */
    boolean claim(UUID schedule, Instant fire, String node, Instant now, String outcome) {
        try {
            jdbc.sql("INSERT INTO schedule_fire (schedule_id, fire_time, claimed_by, claimed_at, outcome)"
                            + " VALUES (?,?,?,?,?)")
                    .params(schedule, time(fire), node, time(now), outcome)
                    .update();
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    void recordOutcome(UUID schedule, Instant fire, String outcome, @Nullable UUID execution, @Nullable String detail) {
        jdbc.sql(
                        "UPDATE schedule_fire SET outcome = ?, execution_id = ?, detail = ? WHERE schedule_id = ? AND fire_time = ?")
                .params(outcome, execution, detail, schedule, time(fire))
                .update();
    }

    /** A fire that started (or was claimed) and may have died with its node. */
    record Unfinished(
            UUID schedule,
            Instant at,
            String outcome,
            Instant claimedAt,
            @Nullable UUID execution,
            int attempts) {}

    List<Unfinished> unfinishedSince(Instant since) {
        return jdbc.sql("SELECT schedule_id, fire_time, outcome, claimed_at, execution_id, attempts FROM schedule_fire"
                        + " WHERE outcome IN ('running', 'started') AND fire_time >= ?")
                .param(time(since))
                .query((rs, n) -> new Unfinished(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(),
                        rs.getObject(5, UUID.class),
                        rs.getInt(6)))
                .list();
    }

    /**
     * Claims the one retry of an interrupted fire: only one node's update matches the fire as it
     * was seen (same outcome, execution and attempt count).
     */
    boolean claimRetry(Unfinished fire, String node, Instant now) {
        return jdbc.sql("UPDATE schedule_fire SET outcome = 'running', attempts = attempts + 1, claimed_by = ?,"
                                + " claimed_at = ?, detail = ? WHERE schedule_id = ? AND fire_time = ? AND outcome = ?"
                                + " AND attempts = ? AND "
                                + (fire.execution() == null ? "execution_id IS NULL" : "execution_id = ?"))
                        .params(retryParams(fire, node, now))
                        .update()
                == 1;
    }

    private static List<Object> retryParams(Unfinished fire, String node, Instant now) {
        List<Object> params = new java.util.ArrayList<>(List.of(
                node,
                time(now),
                "retry of an interrupted run" + (fire.execution() == null ? "" : " (" + fire.execution() + ")"),
                fire.schedule(),
                time(fire.at()),
                fire.outcome(),
                fire.attempts()));
        if (fire.execution() != null) {
            params.add(fire.execution());
        }
        return params;
    }

    /** Gives up on an interrupted fire (retried already, or too late), keeping the reason. */
    boolean markInterrupted(Unfinished fire, String detail) {
        return jdbc.sql("UPDATE schedule_fire SET outcome = 'interrupted', detail = ? WHERE schedule_id = ?"
                                + " AND fire_time = ? AND outcome = ? AND attempts = ?")
                        .params(detail, fire.schedule(), time(fire.at()), fire.outcome(), fire.attempts())
                        .update()
                == 1;
    }

    List<Fire> fires(UUID schedule) {
        return jdbc.sql("SELECT fire_time, claimed_by, outcome, execution_id, detail FROM schedule_fire"
                        + " WHERE schedule_id = ? ORDER BY fire_time")
                .param(schedule)
                .query((rs, n) -> new Fire(
                        rs.getObject(1, OffsetDateTime.class).toInstant(),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4, UUID.class),
                        rs.getString(5)))
                .list();
    }

    /** One fire as recorded: who claimed it and how it ended (running, started, skipped, failed, missed, interrupted). */
    record Fire(
            Instant at,
            String node,
            String outcome,
            @Nullable UUID execution,
            @Nullable String detail) {}

    private Schedule schedule(ResultSet rs, int n) throws SQLException {
        return new Schedule(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("cron"),
                ZoneId.of(rs.getString("zone")),
                WeekParity.valueOf(rs.getString("parity")),
                rs.getString("project"),
                rs.getString("release_name"),
                rs.getString("skip_steps"),
                rs.getBoolean("notify"),
                rs.getBoolean("mentions"),
                rs.getString("thread_link"),
                rs.getBoolean("enabled"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
