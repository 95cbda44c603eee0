package dev.preflight.continuity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class PrimaryProbeUnitTest {

    private final DataSource database = mock(DataSource.class);
    private final DatabaseMode mode = new DatabaseMode(event -> {});
    private final PrimaryProbe probe = new PrimaryProbe(database, mode, Optional.empty());

    @Test
    void aSingleDatabaseThatAnswersAgainEndsTheReadOnlyTime() throws Exception {
        mode.noPrimary(Instant.now()); // a request lost the database while it restarted
        when(database.getConnection()).thenThrow(new SQLException("Connection refused", "08001"));

        probe.probe();
        assertThat(mode.readOnly()).as("still gone").isTrue();

        Connection back = mock(Connection.class);
        when(back.isValid(2)).thenReturn(true);
        doReturn(back).when(database).getConnection();
        probe.probe();

        assertThat(mode.readOnly()).as("writable once it answers").isFalse();
    }
}
