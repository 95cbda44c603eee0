package dev.preflight.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.report.CheckRequest;
import dev.preflight.run.CheckOrder;
import dev.preflight.run.CheckRuns;
import dev.preflight.run.Checks;
import dev.preflight.sandbox.DemoScenario;
import dev.preflight.sandbox.Sandbox;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The same tests against H2 and PostgreSQL: a full application on the demo sandbox. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
abstract class ExecutionHistoryContract {

    static final Sandbox SANDBOX = Sandbox.start(DemoScenario.load());

    @Autowired
    CheckRuns runs;

    @Autowired
    ExecutionHistory history;

    @Autowired
    ExecutionExport export;

    @Autowired
    JdbcClient jdbc;

    static void sandbox(DynamicPropertyRegistry registry) {
        SANDBOX.connectorProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @AfterAll
    static void stopSandbox() {
        // shared by the subclasses' contexts: the JVM's end closes it
    }

    private CheckRuns.Outcome runDemo() {
        return Checks.demo(runs, "tester");
    }

    @Test
    void aCheckIsStoredWithItsReportFindingsAndLog() {
        CheckRuns.Outcome outcome = runDemo();
        Execution stored = history.get(outcome.execution().id());

        assertThat(stored.status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(stored.release()).isEqualTo("H3-2026.7");
        assertThat(stored.packagingRelease()).isEqualTo("2026.7");
        assertThat(stored.triggeredBy()).isEqualTo("tester");
        assertThat(stored.duration()).isNotNull().isPositive();
        assertThat(stored.summary()).contains("\"missingInPackaging\":5");
        assertThat(stored.report()).contains("\"format\" : \"preflight-report/1\"");
        assertThat(stored.options()).contains("\"resync\":false");
        assertThat(history.findings(FindingQuery.ofExecution(stored.id())))
                .hasSize(outcome.report().findings().size());
        assertThat(history.findings(FindingQuery.ofTicket("ET-160")))
                .extracting(StoredFinding::category)
                .contains("missingInPackaging");
        assertThat(history.findings(new FindingQuery(null, "ET", "H3-2026.7", "ET-101")))
                .extracting(StoredFinding::category)
                .contains("unready");
        assertThat(history.findings(new FindingQuery(null, "ET", "H3-2099.1", null)))
                .isEmpty();
        assertThat(history.log(stored.id(), 0))
                .extracting(LogLine::message)
                .contains("Reading Jira release H3-2026.7", "Report ready: 35 findings");
    }

    @Test
    void aFailedCheckIsStoredAsAnErrorWithItsReason() {
        assertThatThrownBy(() -> Checks.run(
                        runs,
                        new CheckOrder(
                                new CheckRequest("ET", "H3-2099.1", Set.of()),
                                Trigger.CLI,
                                null,
                                CheckOrder.Teams.none())))
                .hasMessageContaining("H3-2099.1");

        Execution failed = history.list(new ExecutionFilter("ET", "H3-2099.1", null, 0, 10))
                .getFirst();
        assertThat(failed.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(failed.error()).isEqualTo("release H3-2099.1 is not a version of Jira project ET");
        assertThat(failed.report()).isNull();
    }

    @Test
    void listsNewestFirstWithFiltersAndPages() {
        UUID first = runDemo().execution().id();
        UUID second = runDemo().execution().id();

        List<Execution> page = history.list(new ExecutionFilter("ET", "H3-2026.7", ExecutionStatus.SUCCESS, 0, 1));
        assertThat(page).extracting(Execution::id).containsExactly(second);
        assertThat(history.list(new ExecutionFilter("ET", "H3-2026.7", ExecutionStatus.SUCCESS, 1, 1)))
                .extracting(Execution::id)
                .containsExactly(first);
        assertThat(history.count(new ExecutionFilter("ET", "H3-2026.7", ExecutionStatus.SUCCESS, 0, 1)))
                .isGreaterThanOrEqualTo(2);
        assertThat(history.list(new ExecutionFilter("ZZ", null, null, 0, 10))).isEmpty();
    }

    @Test
    void exportThenImportRoundTripsAndImportIsAllOrNothing() {
        UUID id = runDemo().execution().id();
        String exported = export.export(id);
        assertThat(history.delete(id)).isTrue();

        UUID imported = export.importJson("run.json", exported);

        assertThat(imported).isEqualTo(id);
        assertThat(history.get(id).report()).isNotNull();
        assertThat(history.findings(FindingQuery.ofExecution(id))).hasSize(35);
        assertThat(history.get(id).verdict())
                .as("the verdict comes back with the report")
                .isNotNull();
        assertThat(history.get(id).verdict().total()).isEqualTo(35);
        assertThat(history.log(id, 0)).isNotEmpty();
        assertThatThrownBy(() -> export.importJson("run.json", exported))
                .hasMessage("import run.json: execution " + id + " is already in history");

        history.delete(id);
        String broken = exported.replaceFirst("\"detail\" : \"[^\"]*\"", "\"detail\" : 7");
        assertThatThrownBy(() -> export.importJson("broken.json", broken))
                .hasMessageStartingWith("import broken.json: $.report.findings[0] needs category, severity and detail");
        assertThat(history.find(id)).as("nothing half-written").isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM finding WHERE execution_id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThatThrownBy(() -> export.importJson("x.json", "{oops"))
                .hasMessageStartingWith("import x.json: not JSON");
    }

    @Test
    void retentionKeepsTheNewestOfEachRelease() {
        for (int i = 0; i < 3; i++) {
            runDemo();
        }
        history.applyRetention(2, Duration.ZERO);

        assertThat(history.count(new ExecutionFilter("ET", "H3-2026.7", null, 0, 10)))
                .isEqualTo(2);
    }

    @Test
    void partialAndDeliveredUpdateTheStatusAndTheReport() {
        UUID id = runDemo().execution().id();

        history.markPartial(id, "Teams answered 502");
        assertThat(history.get(id).status()).isEqualTo(ExecutionStatus.PARTIAL);
        assertThat(history.get(id).report()).contains("\"status\" : \"partial\"");
        assertThat(history.get(id).error()).isEqualTo("Teams answered 502");

        history.markDelivered(id);
        assertThat(history.get(id).status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(history.get(id).report()).contains("\"status\" : \"success\"");
    }

    @Test
    void aRunWhoseNodeStoppedBeatingIsInterruptedWithItsReasonAndItsReleaseFreed() {
        Execution dead = history.start("ET", "H3-2030.1", Trigger.SCHEDULE, null, Map.of());
        Execution alive = history.start("ET", "H3-2030.2", Trigger.SCHEDULE, null, Map.of());
        history.beat(alive.id());
        jdbc.sql("UPDATE execution SET node = 'node-b', heartbeat_at = ? WHERE id = ?")
                .params(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(2), dead.id())
                .update();
        jdbc.sql(
                        "INSERT INTO release_lock (project, release_name, execution_id, locked_at) VALUES ('ET', 'H3-2030.1', ?, ?)")
                .params(dead.id(), java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC))
                .update();

        List<UUID> interrupted = history.interruptAbandoned(Duration.ofSeconds(45));

        assertThat(interrupted).containsExactly(dead.id());
        assertThat(history.get(dead.id()).status()).isEqualTo(ExecutionStatus.INTERRUPTED);
        assertThat(history.get(dead.id()).error()).startsWith("interrupted: node node-b stopped beating at ");
        assertThat(history.log(dead.id(), 0)).extracting(LogLine::message).anyMatch(m -> m.contains("node-b"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM release_lock WHERE execution_id = ?")
                        .param(dead.id())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(history.get(alive.id()).status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(history.interruptAbandoned(Duration.ofSeconds(45)))
                .as("once only")
                .isEmpty();
        history.fail(alive.id(), ExecutionStatus.CANCELLED, "test over");
    }
}
