package dev.preflight.custom.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.custom.Secrets;
import dev.preflight.custom.SourceFailure;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JdbcSourceMariaDbIntegrationTest extends JdbcSourceContract {

    @Override
    String server() {
        return TestDatabases.MARIADB;
    }

    @Override
    String user() {
        return "root";
    }

    @Override
    String sleepFiveSeconds() {
        return "select sleep(5)";
    }

    @Override
    String numbers(int count) {
        return "select seq as n from seq_1_to_" + count;
    }

    @Override
    String readOnlyState() {
        return "select @@session.tx_read_only as ro";
    }

    @Test
    void rowsHaveLowerCaseKeysAndJsonFriendlyValues() throws SQLException, SourceFailure {
        admin(
                "create table kinds (small int, big bigint, price decimal(5,2), whole decimal(20,0), ratio double,"
                        + " label varchar(10), ok boolean, at datetime, day date, nothing varchar(1))",
                "insert into kinds values (7, 12345678901, 1.50, 42, 2.5, 'x:y', true,"
                        + " '2024-01-02 03:04:05', '2024-01-02', null)");

        Object value = source(
                        "select small as `Small`, big, price, whole, ratio, label, ok, at, day, nothing from kinds")
                .fetch(CONTEXT)
                .value();

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("small", 7L);
        expected.put("big", 12345678901L);
        expected.put("price", new BigDecimal("1.50"));
        expected.put("whole", 42L);
        expected.put("ratio", 2.5);
        expected.put("label", "x:y");
        expected.put("ok", true);
        expected.put("at", "2024-01-02T03:04:05");
        expected.put("day", "2024-01-02");
        expected.put("nothing", null);
        assertThat(value).isEqualTo(List.of(expected));
        assertThat(List.copyOf(((Map<?, ?>) ((List<?>) value).getFirst()).keySet()))
                .isEqualTo(List.copyOf(expected.keySet()));
    }

    @Test
    void aWritingFunctionFailsOnTheReadOnlyTransaction() throws SQLException {
        admin("create function sneak() returns int modifies sql data"
                + " begin insert into migration values ('Z-2', 'x', 'z.sql'); return 1; end");

        assertThatThrownBy(() -> source("select sneak() as n").fetch(CONTEXT))
                .isInstanceOf(SourceFailure.class)
                .hasMessageStartingWith("source migrations: database error 25006:");
        assertThat(migrations()).isEqualTo(4);
    }

    @Test
    void aWrongPasswordIsOneLineWithoutIt() {
        assertThatThrownBy(() -> source(
                                url(),
                                user(),
                                "select 1",
                                new Secrets(Map.of("PREFLIGHT_SECRET_DB", "hunter2-secret"), null))
                        .fetch(CONTEXT))
                .isInstanceOf(SourceFailure.class)
                .hasMessageStartingWith("source migrations: database error 28000: Access denied for user 'root'")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("\n");
    }
}
