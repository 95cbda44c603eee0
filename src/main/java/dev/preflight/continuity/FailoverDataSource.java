package dev.preflight.continuity;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The application's data source: the primary's pool while a primary answers; when none does, a
 * connection to any server left (a replica), made read-only, so every read goes on and every
 * write fails at once rather than waiting. The probe brings writes back.
 */
final class FailoverDataSource implements DataSource, AutoCloseable {

    private final DataSource primary;
    private final Supplier<DataSource> replicas;
    private final DatabaseMode mode;
    private final Clock clock;

    FailoverDataSource(DataSource primary, Supplier<DataSource> replicas, DatabaseMode mode, Clock clock) {
        this.primary = primary;
        this.replicas = replicas;
        this.mode = mode;
        this.clock = clock;
    }

    DataSource primary() {
        return primary;
    }

    /** The pools close with the application (Spring calls this on the bean it holds: this one). */
    @Override
    public void close() throws Exception {
        if (primary instanceof AutoCloseable pool) {
            pool.close();
        }
        if (replicas instanceof AutoCloseable made) {
            made.close();
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (!mode.readOnly()) {
            try {
                return ReadRetry.retryingReads(primary.getConnection(), new ReadRetry.Failover() {
                    @Override
                    public DataSource replicas() {
                        return replicas.get();
                    }

                    @Override
                    public void lost() {
                        mode.noPrimary(clock.instant());
                    }
                });
            } catch (SQLException e) {
                if (!ConnectionLoss.serverGone(e)) {
                    throw e;
                }
                mode.noPrimary(clock.instant());
            }
        }
        Connection replica = replicas.get().getConnection();
        replica.setReadOnly(true);
        // a replica can go too (the second site lost): a read is asked again of whichever is left
        return SessionWrites.lettingWritesGo(ReadRetry.retryingReads(replica, new ReadRetry.Failover() {
            @Override
            public DataSource replicas() {
                return replicas.get();
            }

            @Override
            public void lost() {
                // read-only already
            }
        }));
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("connections come from the pools");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return primary.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        primary.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        primary.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return primary.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return primary.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return primary.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || primary.isWrapperFor(type);
    }
}
