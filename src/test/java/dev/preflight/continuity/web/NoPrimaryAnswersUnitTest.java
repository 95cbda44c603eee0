package dev.preflight.continuity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.preflight.continuity.DatabaseMode;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.TransactionSystemException;

class NoPrimaryAnswersUnitTest {

    private final DatabaseMode mode = mock(DatabaseMode.class);
    private final NoPrimaryAnswers answers = new NoPrimaryAnswers(mode);
    private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/executions");
    private final MockHttpServletResponse response = new MockHttpServletResponse();

    @Test
    void aWriteWhoseServerWentIsA503WithRetryAfter() throws Exception {
        Object answer = answers.noPrimary(
                new TransactionSystemException("commit", new SQLException("terminating connection", "57P01")),
                request,
                response);

        assertThat(((ResponseEntity<?>) answer).getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("10");
        verify(mode).noPrimary(any());
    }

    @Test
    void aCommitLostAsARollbackOnTheClosedConnectionIsA503OnceTheNodeKnows() throws Exception {
        // the commit's own failure is only logged; what arrives is the rollback's, without a state
        var rollback = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        assertThatThrownBy(() -> answers.noPrimary(rollback, request, response)).isSameAs(rollback);

        when(mode.readOnly()).thenReturn(true);
        Object answer = answers.noPrimary(rollback, request, response);

        assertThat(((ResponseEntity<?>) answer).getStatusCode().value()).isEqualTo(503);
    }

    @Test
    void otherDatabaseFailuresAnswerAsTheyDo() {
        when(mode.readOnly()).thenReturn(true);
        var conflict = new DataIntegrityViolationException("duplicate key");

        assertThatThrownBy(() -> answers.noPrimary(conflict, request, response)).isSameAs(conflict);
    }
}
