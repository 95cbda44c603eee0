package dev.preflight.continuity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.sandbox.DemoScenario;
import dev.preflight.sandbox.Sandbox;
import dev.preflight.security.TestAccounts;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The application's own scheduler hands a job's lost primary to {@link JobFailures}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JobFailuresIntegrationTest {

    static final Sandbox SANDBOX = Sandbox.start(DemoScenario.load());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SANDBOX.connectorProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        TestAccounts.admin(registry);
    }

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    @Autowired
    TaskScheduler scheduler;

    @Autowired
    DatabaseMode mode;

    @Test
    void aScheduledJobThatReachedADemotedServerTurnsTheNodeReadOnly() throws Exception {
        assertThat(mode.readOnly()).isFalse();

        scheduler.schedule(
                () -> {
                    throw new UncategorizedSQLException(
                            "PreparedStatementCallback",
                            "INSERT INTO schedule_fire (schedule_id) VALUES (?)",
                            new SQLException("ERROR: cannot execute INSERT in a read-only transaction", "25006"));
                },
                Instant.now());

        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!mode.readOnly() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(mode.readOnly()).as("read-only after the job's failure").isTrue();
    }
}
