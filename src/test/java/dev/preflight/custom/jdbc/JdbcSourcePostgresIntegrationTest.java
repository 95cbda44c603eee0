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

class JdbcSourcePostgresIntegrationTest extends JdbcSourceContract {

    @Override
    String server() {
        return TestDatabases.POSTGRES;
    }

    @Override
    String user() {
        return "postgres";
    }

    @Override
    String sleepFiveSeconds() {
        return "select pg_sleep(5)";
    }

    @Override
    String numbers(int count) {
        return "select n from generate_series(1, " + count + ") as n";
    }

    @Override
    String readOnlyState() {
        return "select current_setting('transaction_read_only') as ro";
    }

    @Test
    void rowsHaveLowerCaseKeysAndJsonFriendlyValues() throws SourceFailure {
        Object value = source("""
                        select 7::int as "Small", 12345678901::bigint as big, 1.50::numeric(5,2) as price,
                          42::numeric as whole, 123456789012345678901234::numeric as huge, 2.5::float8 as ratio,
                          'x:y'::text as label, true as ok, timestamp '2024-01-02 03:04:05' as at,
                          timestamptz '2024-01-02 03:04:05+02' as at_zone, date '2024-01-02' as day,
                          null::text as nothing, array[1, 2] as numbers, '\\x0102'::bytea as raw,
                          'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid as id""").fetch(CONTEXT).value();

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("small", 7L);
        expected.put("big", 12345678901L);
        expected.put("price", new BigDecimal("1.50"));
        expected.put("whole", 42L);
        expected.put("huge", new BigDecimal("123456789012345678901234"));
        expected.put("ratio", 2.5);
        expected.put("label", "x:y");
        expected.put("ok", true);
        expected.put("at", "2024-01-02T03:04:05");
        expected.put("at_zone", "2024-01-02T01:04:05Z");
        expected.put("day", "2024-01-02");
        expected.put("nothing", null);
        expected.put("numbers", List.of(1L, 2L));
        expected.put("raw", "AQI=");
        expected.put("id", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertThat(value).isEqualTo(List.of(expected));
        assertThat(((List<?>) value).getFirst()).isInstanceOf(LinkedHashMap.class);
        assertThat(List.copyOf(((Map<?, ?>) ((List<?>) value).getFirst()).keySet()))
                .isEqualTo(List.copyOf(expected.keySet()));
    }

    @Test
    void aWritingCommonTableExpressionFailsOnTheReadOnlyTransaction() throws SQLException {
        assertThatThrownBy(() -> source("""
                                with gone as (delete from migration returning *),
                                     added as (insert into migration values ('Z-1', 'x', 'z.sql') returning *)
                                select * from gone""").fetch(CONTEXT))
                .isInstanceOf(SourceFailure.class)
                .hasMessageStartingWith("source migrations: database error 25006: cannot execute")
                .hasMessageContaining("read-only transaction");
        assertThat(migrations()).isEqualTo(4);
    }

    @Test
    void aWritingFunctionFailsOnTheReadOnlyTransaction() throws SQLException {
        admin("create or replace function sneak() returns int language sql as"
                + " $$ insert into migration values ('Z-2', 'x', 'z.sql') returning 1 $$");

        assertThatThrownBy(() -> source("select sneak() as n").fetch(CONTEXT))
                .isInstanceOf(SourceFailure.class)
                .hasMessageStartingWith("source migrations: database error 25006:");
        assertThat(migrations()).isEqualTo(4);
    }

    @Test
    void theSessionCannotBeSwitchedBackToReadWrite() throws SQLException {
        assertThatThrownBy(() -> source("""
                                with flip as (select set_config('transaction_read_only', 'off', true))
                                select * from flip""").fetch(CONTEXT))
                .isInstanceOf(SourceFailure.class)
                .hasMessageStartingWith("source migrations: database error 25001:");
        assertThat(migrations()).isEqualTo(4);
    }

    @Test
    void anUnknownUserIsOneLineWithoutThePassword() {
        // trust authentication takes any password, so an unknown role stands in for a wrong one
        assertThatThrownBy(() -> source(
                                url(),
                                "nobody_here",
                                "select 1",
                                new Secrets(Map.of("PREFLIGHT_SECRET_DB", "hunter2-secret"), null))
                        .fetch(CONTEXT))
                .isInstanceOf(SourceFailure.class)
                .hasMessage("source migrations: database error 28000: role \"nobody_here\" does not exist")
                .hasMessageNotContaining("hunter2");
    }
}
