package dev.preflight.custom.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.custom.HostCheck;
import dev.preflight.custom.JdbcSpec;
import dev.preflight.custom.Secrets;
import dev.preflight.custom.SourceAnswer;
import dev.preflight.custom.SourceContext;
import dev.preflight.custom.SourceFailure;
import dev.preflight.custom.SourceLimits;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What a database source does on every database: each subclass brings a real server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcSourceContract {

    static final SourceLimits LIMITS = SourceLimits.of(Map.of("max-rows", "10", "statement-timeout", "1s"));
    static final SourceContext CONTEXT = new SourceContext("SHOP", "2.4", "shop-2.4", List.of("A-1", "A-3"));
    static final HostCheck ANY_HOST = host -> {};

    String database = "";

    /** The server's URL prefix, ending in a slash: the database name follows. */
    abstract String server();

    abstract String user();

    /** A query sleeping five seconds. */
    abstract String sleepFiveSeconds();

    /** A query answering the numbers 1 to {@code count}, one row each. */
    abstract String numbers(int count);

    /** A query answering 1 or true when the session is in a read-only transaction. */
    abstract String readOnlyState();

    @BeforeAll
    void createDatabase() throws SQLException {
        database = TestDatabases.create(server(), user(), TestDatabases.randomName());
        admin(
                "CREATE TABLE migration (ticket_key VARCHAR(20), release_name VARCHAR(20), script VARCHAR(100))",
                "INSERT INTO migration VALUES ('A-1', 'shop-2.4', 'a.sql'), ('A-2', 'shop-2.4', 'b.sql'),"
                        + " ('A-3', 'shop-2.4', 'c.sql'), ('A-1', 'shop-2.3', 'old.sql')");
    }

    @AfterAll
    void dropDatabase() {
        if (!database.isEmpty()) {
            TestDatabases.drop(server(), user(), database);
        }
    }

    String url() {
        return server() + database;
    }

    void admin(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(), user(), "");
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    long migrations() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(), user(), "");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM migration")) {
            result.next();
            return result.getLong(1);
        }
    }

    JdbcSource source(String query) {
        return source(url(), user(), query, new Secrets(Map.of("PREFLIGHT_SECRET_DB", ""), null));
    }

    JdbcSource source(String url, String user, String query, Secrets secrets) {
        return new JdbcSource(
                "migrations", new JdbcSpec(url, user, "DB", query), secrets, ANY_HOST, LIMITS, Clock.systemUTC());
    }

    @Test
    void namedParametersAreBoundIncludingTheTicketList() throws SourceFailure {
        SourceAnswer answer = source("""
                        select ticket_key, script, :project as project from migration
                        where release_name = :packagingRelease and ticket_key in (:tickets)
                        and script <> ':release' -- :release
                        order by ticket_key""").fetch(CONTEXT);

        assertThat(answer.value())
                .isEqualTo(List.of(
                        Map.of("ticket_key", "A-1", "script", "a.sql", "project", "SHOP"),
                        Map.of("ticket_key", "A-3", "script", "c.sql", "project", "SHOP")));
        assertThat(answer.requests()).isEqualTo(1);
        assertThat(answer.bytes()).isBetween(100L, 200L);
        assertThat(answer.took()).isPositive();
    }

    @Test
    void noTicketsMatchNothing() throws SourceFailure {
        SourceAnswer answer = source("select ticket_key from migration where ticket_key in (:tickets)")
                .fetch(new SourceContext("SHOP", "2.4", "shop-2.4", List.of()));

        assertThat(answer.value()).isEqualTo(List.of());
    }

    @Test
    void aHostileTicketKeyIsOnlyAValue() throws SQLException, SourceFailure {
        SourceAnswer answer = source("select ticket_key from migration where ticket_key in (:tickets)")
                .fetch(new SourceContext(
                        "SHOP", "2.4", "shop-2.4", List.of("A-1') or ('1'='1", "x'; delete from migration; --")));

        assertThat(answer.value()).isEqualTo(List.of());
        assertThat(migrations()).isEqualTo(4);
    }

    @Test
    void theQueryRunsInAReadOnlyTransaction() throws SourceFailure {
        SourceAnswer answer = source(readOnlyState()).fetch(CONTEXT);

        assertThat(answer.value())
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .hasSize(1);
        assertThat(((List<?>) answer.value()).getFirst().toString()).matches("\\{ro=(1|true|on)}");
    }

    @Test
    void aSecondStatementIsRefusedAndNothingChanges() throws SQLException {
        assertThatThrownBy(() -> source("select 1; delete from migration").fetch(CONTEXT))
                .isInstanceOf(SourceFailure.class)
                .hasMessage("source migrations: the query holds more than one statement"
                        + " (a ';' outside quotes and comments)");
        assertThat(migrations()).isEqualTo(4);
    }

    @Test
    void aSlowStatementTimesOutQuickly() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> source(sleepFiveSeconds()).fetch(CONTEXT))
                .isInstanceOf(SourceFailure.class)
                .hasMessage("source migrations: the statement timed out after 1s (statement-timeout)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void theRowCapIsAllowedButNotExceeded() throws SourceFailure {
        assertThat((List<?>) source(numbers(10)).fetch(CONTEXT).value()).hasSize(10);
        assertThatThrownBy(() -> source(numbers(11)).fetch(CONTEXT))
                .isInstanceOf(SourceFailure.class)
                .hasMessage("source migrations: the query returned more than 10 rows (max-rows)");
    }

    @Test
    void aDatabaseErrorIsOneLineWithItsState() {
        assertThatThrownBy(() -> source("select * from no_such_table").fetch(CONTEXT))
                .isInstanceOf(SourceFailure.class)
                .hasMessageMatching("source migrations: database error 42\\w{3}: .*no_such_table.*")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aColumnNamedTwiceIsRefused() {
        assertThatThrownBy(() ->
                        source("select ticket_key, ticket_key from migration").fetch(CONTEXT))
                .hasMessage("source migrations: column ticket_key appears twice in the result: give it an alias");
    }

    @Test
    void aMissingSecretIsNamed() {
        assertThatThrownBy(() -> source(url(), user(), "select 1", new Secrets(Map.of(), null))
                        .fetch(CONTEXT))
                .isInstanceOf(SourceFailure.class)
                .hasMessage(
                        "source migrations: secret DB is not set (PREFLIGHT_SECRET_DB or a file in PREFLIGHT_SECRETS_DIR)");
    }

    @Test
    void aForbiddenPropertyIsRefusedBeforeConnecting() {
        assertThatThrownBy(() -> source(
                                url()
                                        + "?socketFactory=org.springframework.context.support.FileSystemXmlApplicationContext",
                                user(),
                                "select 1",
                                new Secrets(Map.of("PREFLIGHT_SECRET_DB", ""), null))
                        .fetch(CONTEXT))
                .isInstanceOf(SourceFailure.class)
                .hasMessageMatching(
                        "source migrations: jdbc:(postgresql|mariadb) URL property socketFactory is not allowed .*")
                .hasMessageNotContaining("springframework");
    }
}
