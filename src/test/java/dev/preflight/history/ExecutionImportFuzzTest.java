package dev.preflight.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Any text given as an execution export is imported whole or refused with an ImportException
 * naming the file: never another exception, never half an execution. Fuzzes on demand with
 * {@code JAZZER_FUZZ=1 ./mvnw test -Dtest=ExecutionImportFuzzTest -Djazzer.hooks=true}.
 */
class ExecutionImportFuzzTest {

    private static final ExecutionExport EXPORT = export();

    private static ExecutionExport export() {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:fuzz-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(database)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        JdbcClient jdbc = JdbcClient.create(database);
        ExecutionRepository executions = new ExecutionRepository(jdbc);
        return new ExecutionExport(
                new ExecutionHistory(
                        executions,
                        new ReleaseLocks(jdbc),
                        Optional.empty(),
                        "fuzz",
                        Optional.empty(),
                        java.time.Duration.ofSeconds(10)),
                executions);
    }

    @FuzzTest(maxDuration = "60s")
    void anyExportIsImportedWholeOrRefused(String text) {
        if (text == null) {
            return; // a file is never null
        }
        try {
            EXPORT.importJson("fuzzed.json", text);
        } catch (ExecutionExport.ImportException refused) {
            assertThat(refused.getMessage()).startsWith("import fuzzed.json: ").doesNotContain("\n");
        }
    }
}
