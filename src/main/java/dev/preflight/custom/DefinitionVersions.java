package dev.preflight.custom;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every version of the definitions document, in the database; the highest is in force. */
@Repository
class DefinitionVersions implements DefinitionStore {

    private final JdbcClient jdbc;

    DefinitionVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<DefinitionVersion> latest() {
        return jdbc.sql("SELECT * FROM custom_check_version ORDER BY version DESC FETCH FIRST 1 ROWS ONLY")
                .query(DefinitionVersions::version)
                .optional();
    }

    @Override
    public Optional<DefinitionVersion> find(int version) {
        return jdbc.sql("SELECT * FROM custom_check_version WHERE version = ?")
                .param(version)
                .query(DefinitionVersions::version)
                .optional();
    }

    @Override
    public List<DefinitionVersion> all() {
        return jdbc.sql("SELECT * FROM custom_check_version ORDER BY version DESC")
                .query(DefinitionVersions::version)
                .list();
    }

    /**
     * Adds the next version. Two nodes saving at once compete for the same number: the primary key
     * lets one win and the other fail, never both overwrite.
     */
    @Override
    public DefinitionVersion append(String document, String changedBy, Instant at, String change) {
        int next = jdbc.sql("SELECT COALESCE(MAX(version), 0) + 1 FROM custom_check_version")
                .query(Integer.class)
                .single();
        String by = changedBy.length() <= 128 ? changedBy : changedBy.substring(0, 128);
        String why = change.length() <= 200 ? change : change.substring(0, 199) + "…";
        try {
            jdbc.sql("INSERT INTO custom_check_version (version, document, changed_by, changed_at, change)"
                            + " VALUES (?,?,?,?,?)")
                    .params(next, document, by, at.atOffset(ZoneOffset.UTC), why)
                    .update();
        } catch (org.springframework.dao.DuplicateKeyException raced) {
            // two saves at once: the second must not overwrite the first unseen (409, not 500)
            throw new IllegalStateException(
                    "someone saved version " + next + " of the checks at the same moment: reload and save again");
        }
        return new DefinitionVersion(next, document, by, at, why);
    }

    private static DefinitionVersion version(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new DefinitionVersion(
                rs.getInt("version"),
                rs.getString("document"),
                rs.getString("changed_by"),
                rs.getObject("changed_at", OffsetDateTime.class).toInstant(),
                rs.getString("change"));
    }
}
