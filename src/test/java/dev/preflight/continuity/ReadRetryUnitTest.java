package dev.preflight.continuity;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ReadRetryUnitTest {

    private final Connection primary = mock(Connection.class);
    private final ReadRetry.Failover failover = mock(ReadRetry.Failover.class);
    private final Connection connection = ReadRetry.retryingReads(primary, failover);

    @Test
    void aCommitThatLostItsServerTellsTheNodeBeforeTheRequestIsAnswered() throws Exception {
        var gone = new SQLException("terminating connection due to administrator command", "57P01");
        doThrow(gone).when(primary).commit();

        assertThatThrownBy(connection::commit).isSameAs(gone);
        verify(failover).lost();
    }

    @Test
    void aCommitRefusedForAnotherReasonLeavesTheNodeAsItIs() throws Exception {
        var conflict = new SQLException("could not serialize access", "40001");
        doThrow(conflict).when(primary).commit();

        assertThatThrownBy(connection::commit).isSameAs(conflict);
        verify(failover, never()).lost();
        verify(failover, never()).replicas();
    }
}
