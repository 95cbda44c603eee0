package dev.preflight.continuity;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.sql.SQLException;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.UncategorizedSQLException;

class JobFailuresUnitTest {

    private final DatabaseMode mode = mock(DatabaseMode.class);

    @Test
    void aJobWhoseWriteReachedADemotedServerTurnsTheNodeReadOnly() {
        var refused = new UncategorizedSQLException(
                "PreparedStatementCallback",
                "INSERT INTO schedule_fire (schedule_id) VALUES (?)",
                new SQLException("ERROR: cannot execute INSERT in a read-only transaction", "25006"));

        JobFailures.handler(mode, Clock.systemUTC()).handleError(refused);

        verify(mode).noPrimary(any());
    }

    @Test
    void anyOtherFailureLeavesTheNodeAsItIs() {
        JobFailures.handler(mode, Clock.systemUTC()).handleError(new IllegalStateException("a bug"));

        verify(mode, never()).noPrimary(any());
    }
}
