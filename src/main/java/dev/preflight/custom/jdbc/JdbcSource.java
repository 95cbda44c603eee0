package dev.preflight.custom.jdbc;

import dev.preflight.custom.HostCheck;
import dev.preflight.custom.JdbcSpec;
import dev.preflight.custom.Secrets;
import dev.preflight.custom.SourceAnswer;
import dev.preflight.custom.SourceContext;
import dev.preflight.custom.SourceFailure;
import dev.preflight.custom.SourceLimits;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * A database source: one query, run read-only, with its named parameters bound, a statement
 * timeout and a row cap, answering its rows as JSON-ready objects.
 *
 * <p>Read-only twice over: the JDBC flag and a server-side read-only transaction (PostgreSQL,
 * MariaDB/MySQL, Oracle), then a rollback. SQL Server has no session-wide read-only switch
 * ({@code ApplicationIntent=ReadOnly} only routes), so there the database user must be a
 * read-only one; that is good advice for every database.
 */
public final class JdbcSource {

    // SQLSTATEs of a cancelled statement: PostgreSQL, MariaDB's max_statement_time, SQL Server
    private static final List<String> TIMED_OUT = List.of("57014", "70100", "HY008");

    private final String name;
    private final JdbcSpec spec;
    private final Secrets secrets;
    private final HostCheck hosts;
    private final SourceLimits limits;
    private final Clock clock;

    public JdbcSource(String name, JdbcSpec spec, Secrets secrets, HostCheck hosts, SourceLimits limits, Clock clock) {
        this.name = name;
        this.spec = spec;
        this.secrets = secrets;
        this.hosts = hosts;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Checks what can be checked without connecting (URL, hosts, query): for import time. Never
     * reads the secret.
     */
    public void verify() throws SourceFailure {
        JdbcUrl url = url();
        query(url, new SourceContext("project", "release", "packaging-release", List.of()));
        requireHosts(url);
    }

    /** The query's rows, or a one-line failure that never holds the password. */
    public SourceAnswer fetch(SourceContext context) throws SourceFailure {
        Instant start = clock.instant();
        JdbcUrl url = url();
        NamedParameters query = query(url, context);
        requireHosts(url);
        String password = secret();
        try (Connection connection = connect(url, password)) {
            try {
                ResultRows rows = run(connection, url.dialect(), query);
                return new SourceAnswer(rows.rows(), rows.bytes(), Duration.between(start, clock.instant()), 1);
            } catch (SourceFailure overLimit) {
                throw failure(overLimit.getMessage());
            } finally {
                rollback(connection);
            }
        } catch (SQLException e) {
            throw failure(databaseError(e, password));
        }
    }

    private JdbcUrl url() throws SourceFailure {
        try {
            return JdbcUrl.parse(spec.url());
        } catch (SourceFailure refused) {
            throw failure(refused.getMessage());
        }
    }

    private NamedParameters query(JdbcUrl url, SourceContext context) throws SourceFailure {
        try {
            return NamedParameters.bind(spec.query(), url.dialect(), context);
        } catch (SourceFailure refused) {
            throw failure(refused.getMessage());
        }
    }

    private void requireHosts(JdbcUrl url) throws SourceFailure {
        try {
            for (JdbcUrl.Endpoint endpoint : url.endpoints()) {
                hosts.require(endpoint.host());
            }
        } catch (SourceFailure refused) {
            throw failure(refused.getMessage());
        }
    }

    private String secret() throws SourceFailure {
        try {
            return secrets.value(spec.secret());
        } catch (SourceFailure missing) {
            throw failure(missing.getMessage());
        }
    }

    /**
     * Through the dialect's own driver with the limits as driver properties: DriverManager would
     * offer the URL to every registered driver (H2 among them) and its login timeout is global.
     */
    private Connection connect(JdbcUrl url, String password) throws SourceFailure {
        Properties properties = properties(url.dialect(), password);
        try {
            Connection connection = url.dialect().driver().connect(url.url(), properties);
            if (connection == null) {
                throw failure(url.dialect().scheme() + " driver did not accept the URL");
            }
            return connection;
        } catch (SQLException e) {
            String state = e.getSQLState();
            if (state != null && state.startsWith("08") || networkCause(e) != null) {
                String reason = networkCause(e);
                throw failure("cannot connect to " + url.where()
                        + (reason != null ? " (" + reason + ")" : ": " + message(e, password)));
            }
            throw failure(databaseError(e, password));
        } catch (RuntimeException e) {
            // a driver's own bug or surprise: its message may echo the URL, so only name the kind
            throw failure(
                    "cannot connect to " + url.where() + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private Properties properties(Dialect dialect, String password) {
        long connectMillis = Math.max(1, limits.connectTimeout().toMillis());
        long connectSeconds = seconds(limits.connectTimeout());
        // a backstop for a server that stops answering while the statement timeout fails to cancel
        Duration socket =
                limits.statementTimeout().plus(limits.connectTimeout()).plusSeconds(5);
        Properties properties = new Properties();
        properties.setProperty("user", spec.user());
        properties.setProperty("password", password);
        switch (dialect) {
            case POSTGRESQL -> {
                properties.setProperty("connectTimeout", Long.toString(connectSeconds));
                properties.setProperty("loginTimeout", Long.toString(connectSeconds));
                properties.setProperty("socketTimeout", Long.toString(seconds(socket)));
                properties.setProperty("ApplicationName", "preflight");
            }
            case MARIADB -> {
                properties.setProperty("connectTimeout", Long.toString(connectMillis));
                properties.setProperty("socketTimeout", Long.toString(socket.toMillis()));
                // a hostile server may ask for a local file, or redirect past the host rules
                properties.setProperty("allowLocalInfile", "false");
                properties.setProperty("permitRedirect", "false");
                properties.setProperty("allowMultiQueries", "false");
            }
            case SQLSERVER -> {
                properties.setProperty("loginTimeout", Long.toString(connectSeconds));
                properties.setProperty("socketTimeout", Long.toString(socket.toMillis()));
                properties.setProperty("applicationName", "preflight");
            }
            case ORACLE -> {
                properties.setProperty("oracle.net.CONNECT_TIMEOUT", Long.toString(connectMillis));
                properties.setProperty("oracle.jdbc.ReadTimeout", Long.toString(socket.toMillis()));
            }
        }
        return properties;
    }

    private ResultRows run(Connection connection, Dialect dialect, NamedParameters query)
            throws SQLException, SourceFailure {
        connection.setReadOnly(true);
        switch (dialect) {
            // session-wide while autocommit is on, so the transaction below starts read-only too
            case POSTGRESQL -> execute(connection, "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
            case MARIADB -> execute(connection, "SET SESSION TRANSACTION READ ONLY");
            default -> {}
        }
        connection.setAutoCommit(false);
        if (dialect == Dialect.ORACLE) {
            // Oracle's setReadOnly is only a flag; this must be the transaction's first statement
            execute(connection, "SET TRANSACTION READ ONLY");
        }
        try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
            statement.setQueryTimeout((int) Math.min(Integer.MAX_VALUE, seconds(limits.statementTimeout())));
            // one more than allowed, to tell "exactly the cap" from "over the cap"
            statement.setMaxRows((int) Math.min(Integer.MAX_VALUE, limits.maxRows() + 1L));
            statement.setFetchSize(Math.min(limits.maxRows() + 1, 1000));
            for (int i = 0; i < query.values().size(); i++) {
                String value = query.values().get(i);
                if (value == null) {
                    statement.setNull(i + 1, Types.VARCHAR);
                } else {
                    statement.setString(i + 1, value);
                }
            }
            try (ResultSet result = statement.executeQuery()) {
                return ResultRows.read(result, dialect, limits.maxRows(), limits.maxAnswerBytes());
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void rollback(Connection connection) {
        try {
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is closed next, which ends the transaction anyway
        }
    }

    /** {@code database error 42P01: relation "x" does not exist}, or the statement timeout. */
    private String databaseError(SQLException e, String password) {
        String state = e.getSQLState();
        if (e instanceof SQLTimeoutException || state != null && TIMED_OUT.contains(state)) {
            return "the statement timed out after "
                    + limits.statementTimeout().toString().substring(2).toLowerCase(Locale.ROOT)
                    + " (statement-timeout)";
        }
        return "database error " + (state == null ? "" : state + ": ") + message(e, password);
    }

    /** The driver's message: its first line, without the password should a driver ever echo it. */
    private static String message(SQLException e, String password) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage());
        // "ERROR: " (PostgreSQL) and "(conn=12) " (MariaDB) say nothing to a reader of a finding
        message = message.replaceFirst("^(ERROR|FATAL):\\s*", "").replaceFirst("^\\(conn=\\d+\\)\\s*", "");
        return password.isEmpty() ? message : message.replace(password, "***");
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("").strip();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    /** What went wrong on the network, in a few words, when that is what went wrong. */
    private static @Nullable String networkCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            switch (cause) {
                case ConnectException refused -> {
                    return "connection refused";
                }
                case NoRouteToHostException unreachable -> {
                    return "no route to host";
                }
                case SocketTimeoutException timeout -> {
                    return "timed out";
                }
                case UnknownHostException unknown -> {
                    return "unknown host";
                }
                default -> {}
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }

    /** Without the cause: a driver's exception may carry the URL or the user, and causes get logged. */
    private SourceFailure failure(String message) {
        return new SourceFailure("source " + name + ": " + message);
    }
}
