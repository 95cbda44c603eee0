package dev.preflight.history;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The database claim that lets one check per release run at a time, on any node. */
@Repository
class ReleaseLocks {

    private final JdbcClient jdbc;

    ReleaseLocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the release for this execution; empty when claimed, else the execution holding it. */
    Optional<UUID> claim(String project, String release, UUID execution, Instant at) {
        try {
            jdbc.sql("INSERT INTO release_lock (project, release_name, execution_id, locked_at) VALUES (?,?,?,?)")
                    .params(project, release, execution, at.atOffset(ZoneOffset.UTC))
                    .update();
            return Optional.empty();
        } catch (DuplicateKeyException taken) {
            return jdbc.sql("SELECT execution_id FROM release_lock WHERE project = ? AND release_name = ?")
                    .params(project, release)
                    .query(UUID.class)
                    .optional()
                    .or(() -> Optional.of(new UUID(0, 0)));
        }
    }

    void releaseAll(UUID execution) {
        jdbc.sql("DELETE FROM release_lock WHERE execution_id = ?")
                .param(execution)
                .update();
    }

    void release(String project, String release, UUID execution) {
        jdbc.sql("DELETE FROM release_lock WHERE project = ? AND release_name = ? AND execution_id = ?")
                .params(project, release, execution)
                .update();
    }
}
