package dev.preflight.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for executions, their logs and findings; portable between H2 and PostgreSQL. */
@Repository
class ExecutionRepository {

    private static final String COLUMNS = "id, project, release_name, packaging_release, trigger_kind, triggered_by,"
            + " started_at, ended_at, status, options, summary, blocking, semi_blocking, minor, report, error";

    private final JdbcClient jdbc;

    ExecutionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Execution e) {
        jdbc.sql("INSERT INTO execution (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                .params(
                        e.id(),
                        e.project(),
                        e.release(),
                        e.packagingRelease(),
                        e.trigger().key(),
                        e.triggeredBy(),
                        time(e.startedAt()),
                        time(e.endedAt()),
                        e.status().key(),
                        e.options(),
                        e.summary(),
                        e.verdict() == null ? null : e.verdict().blocking(),
                        e.verdict() == null ? null : e.verdict().semiBlocking(),
                        e.verdict() == null ? null : e.verdict().minor(),
                        e.report(),
                        e.error())
                .update();
    }

    void update(Execution e) {
        jdbc.sql("UPDATE execution SET release_name = ?, packaging_release = ?, ended_at = ?, status = ?, summary = ?,"
                        + " blocking = ?, semi_blocking = ?, minor = ?, report = ?, error = ? WHERE id = ?")
                .params(
                        e.release(),
                        e.packagingRelease(),
                        time(e.endedAt()),
                        e.status().key(),
                        e.summary(),
                        e.verdict() == null ? null : e.verdict().blocking(),
                        e.verdict() == null ? null : e.verdict().semiBlocking(),
                        e.verdict() == null ? null : e.verdict().minor(),
                        e.report(),
                        e.error(),
                        e.id())
                .update();
    }

    Optional<Execution> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM execution WHERE id = ?")
                .param(id)
                .query(this::execution)
                .optional();
    }

    List<Execution> list(ExecutionFilter filter) {
        Where where = where(filter);
        return jdbc.sql("SELECT " + COLUMNS + " FROM execution" + where.sql()
                        + " ORDER BY started_at DESC, id LIMIT " + filter.size() + " OFFSET "
                        + (long) filter.page() * filter.size())
                .params(where.params())
                .query(this::execution)
                .list();
    }

    long count(ExecutionFilter filter) {
        Where where = where(filter);
        return jdbc.sql("SELECT COUNT(*) FROM execution" + where.sql())
                .params(where.params())
                .query(Long.class)
                .single();
    }

    /** The count, stopping at {@code cap}: a page needs "10,000+" rather than a full scan. */
    long countUpTo(ExecutionFilter filter, long cap) {
        Where where = where(filter);
        return jdbc.sql("SELECT COUNT(*) FROM (SELECT 1 FROM execution" + where.sql() + " LIMIT " + cap + ") capped")
                .params(where.params())
                .query(Long.class)
                .single();
    }

    void beat(UUID id, String node, Instant at) {
        jdbc.sql("UPDATE execution SET node = ?, heartbeat_at = ? WHERE id = ? AND status = 'running'")
                .params(node, time(at), id)
                .update();
    }

    /** Running executions whose last beat (or start, if they never beat) is older than the cut-off. */
    /** Every running execution with its node and last beat: a handful at any time. */
    List<Stale> running() {
        return jdbc.sql("SELECT id, node, COALESCE(heartbeat_at, started_at) FROM execution WHERE status = 'running'")
                .query((rs, n) -> new Stale(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant()))
                .list();
    }

    record Stale(UUID id, @Nullable String node, Instant lastBeat) {}

    /** Marks a stale run interrupted, only if it is still running (another node may have just done so). */
    boolean interrupt(UUID id, Instant at, String reason) {
        return jdbc.sql(
                                "UPDATE execution SET status = 'interrupted', ended_at = ?, error = ? WHERE id = ? AND status = 'running'")
                        .params(time(at), reason, id)
                        .update()
                > 0;
    }

    int delete(UUID id) {
        return jdbc.sql("DELETE FROM execution WHERE id = ?").param(id).update();
    }

    int appendLog(UUID id, Instant at, String level, String message) {
        int seq = jdbc.sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM execution_log WHERE execution_id = ?")
                .param(id)
                .query(Integer.class)
                .single();
        jdbc.sql("INSERT INTO execution_log (execution_id, seq, logged_at, level, message) VALUES (?,?,?,?,?)")
                .params(id, seq, time(at), level, message)
                .update();
        return seq;
    }

    List<LogLine> log(UUID id, int afterSeq) {
        return jdbc.sql("SELECT seq, logged_at, level, message FROM execution_log WHERE execution_id = ? AND seq > ?"
                        + " ORDER BY seq")
                .params(id, afterSeq)
                .query((rs, n) -> new LogLine(rs.getInt(1), instant(rs, 2), rs.getString(3), rs.getString(4)))
                .list();
    }

    void insertFinding(UUID id, StoredFinding finding) {
        jdbc.sql(
                        "INSERT INTO finding (execution_id, ticket, category, severity, assignee, detail) VALUES (?,?,?,?,?,?)")
                .params(
                        id,
                        finding.ticket(),
                        finding.category(),
                        finding.severity(),
                        finding.assignee(),
                        finding.detail())
                .update();
    }

    List<StoredFinding> findings(FindingQuery query) {
        StringBuilder sql = new StringBuilder("SELECT f.execution_id, f.ticket, f.category, f.severity, f.assignee,"
                + " f.detail FROM finding f JOIN execution e ON e.id = f.execution_id WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (query.execution() != null) {
            sql.append(" AND f.execution_id = ?");
            params.add(query.execution());
        }
        if (query.project() != null) {
            sql.append(" AND e.project = ?");
            params.add(query.project());
        }
        if (query.release() != null) {
            sql.append(" AND e.release_name = ?");
            params.add(query.release());
        }
        if (query.ticket() != null) {
            sql.append(" AND f.ticket = ?");
            params.add(query.ticket());
        }
        sql.append(" ORDER BY e.started_at DESC, f.ticket, f.category");
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> new StoredFinding(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6)))
                .list();
    }

    /** Retention: executions of a release beyond the newest {@code keep}, and older than the cut-off. */
    int deleteOlderThan(Instant cutoff, int keep) {
        List<UUID> doomed = jdbc
                .sql("SELECT id, project, release_name, started_at FROM execution WHERE status <> 'running'"
                        + " ORDER BY project, release_name, started_at DESC")
                .query(new org.springframework.jdbc.core.RowMapper<Object[]>() {
                    @Override
                    public Object[] mapRow(ResultSet rs, int n) throws SQLException {
                        return new Object[] {
                            rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), instant(rs, 4)
                        };
                    }
                })
                .list()
                .stream()
                .collect(java.util.stream.Collectors.groupingBy(
                        row -> row[1] + "\u0000" + row[2],
                        java.util.LinkedHashMap::new,
                        java.util.stream.Collectors.toList()))
                .values()
                .stream()
                .flatMap(rows -> rows.stream().skip(keep))
                .filter(row -> ((Instant) row[3]).isBefore(cutoff))
                .map(row -> (UUID) row[0])
                .toList();
        doomed.forEach(this::delete);
        return doomed.size();
    }

    private record Where(String sql, List<Object> params) {}

    /** The text as a LIKE prefix: its own % and _ match only themselves. */
    private static String likePrefix(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    private static Where where(ExecutionFilter filter) {
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        if (filter.project() != null && filter.prefixes()) {
            sql.append(" AND UPPER(project) LIKE ? ESCAPE '!'");
            params.add(likePrefix(filter.project().toUpperCase(java.util.Locale.ROOT)));
        } else if (filter.project() != null) {
            sql.append(" AND project = ?");
            params.add(filter.project());
        }
        if (filter.release() != null && filter.prefixes()) {
            String prefix = likePrefix(filter.release().toLowerCase(java.util.Locale.ROOT));
            sql.append(" AND (LOWER(release_name) LIKE ? ESCAPE '!' OR LOWER(packaging_release) LIKE ? ESCAPE '!')");
            params.add(prefix);
            params.add(prefix);
        } else if (filter.release() != null) {
            sql.append(" AND release_name = ?");
            params.add(filter.release());
        }
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            params.add(filter.status().key());
        }
        return new Where(sql.isEmpty() ? "" : " WHERE" + sql.substring(4), params);
    }

    private Execution execution(ResultSet rs, int n) throws SQLException {
        return new Execution(
                rs.getObject("id", UUID.class),
                rs.getString("project"),
                rs.getString("release_name"),
                rs.getString("packaging_release"),
                Trigger.fromKey(rs.getString("trigger_kind")),
                rs.getString("triggered_by"),
                instant(rs, "started_at"),
                instant(rs, "ended_at"),
                ExecutionStatus.fromKey(rs.getString("status")),
                rs.getString("options"),
                rs.getString("summary"),
                verdict(rs),
                rs.getString("report"),
                rs.getString("error"));
    }

    List<ExecutionHistory.EndedCheck> endedSince(Instant since) {
        return jdbc.sql("SELECT project, release_name, trigger_kind, status, started_at, ended_at, blocking,"
                        + " semi_blocking, minor FROM execution WHERE ended_at >= ? ORDER BY ended_at DESC"
                        + " FETCH FIRST 20000 ROWS ONLY")
                .params(time(since))
                .query((rs, n) -> new ExecutionHistory.EndedCheck(
                        rs.getString("project"),
                        rs.getString("release_name"),
                        Trigger.fromKey(rs.getString("trigger_kind")),
                        ExecutionStatus.fromKey(rs.getString("status")),
                        instant(rs, "started_at"),
                        instant(rs, "ended_at"),
                        verdict(rs)))
                .list();
    }

    /** Project, release and findings summary (JSON) of each project's latest complete check. */
    List<String[]> latestCompleteSummaries() {
        return jdbc.sql("SELECT e.project, e.release_name, e.summary FROM execution e"
                        + " WHERE e.status IN ('success', 'partial') AND e.summary IS NOT NULL"
                        + " AND e.ended_at = (SELECT MAX(x.ended_at) FROM execution x WHERE x.project = e.project"
                        + " AND x.status IN ('success', 'partial') AND x.summary IS NOT NULL)")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .list();
    }

    private static dev.preflight.check.@Nullable Verdict verdict(ResultSet rs) throws SQLException {
        int blocking = rs.getInt("blocking");
        return rs.wasNull()
                ? null
                : new dev.preflight.check.Verdict(blocking, rs.getInt("semi_blocking"), rs.getInt("minor"));
    }

    private static @Nullable OffsetDateTime time(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
