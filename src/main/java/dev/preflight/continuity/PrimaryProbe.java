package dev.preflight.continuity;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A read-only node asks the primary's pool, every {@code preflight.database.probe}, for a server
 * that takes writes; the first that answers ends the read-only time. A node with a primary also
 * checks it still has one, so a primary demoted under its connections is noticed. With a single
 * database, the node is writable again as soon as that database answers.
 */
@Component
@ConditionalOnWebApplication
class PrimaryProbe {

    private final DataSource dataSource;
    private final DatabaseMode mode;
    private final Clock clock;

    PrimaryProbe(DataSource dataSource, DatabaseMode mode, Optional<Clock> clock) {
        this.dataSource = dataSource;
        this.mode = mode;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Scheduled(
            fixedDelayString = "${preflight.database.probe:2s}",
            initialDelayString = "${preflight.database.probe:2s}")
    void probe() {
        if (!(dataSource instanceof FailoverDataSource failover)) {
            oneServer();
            return;
        }
        try (Connection connection = failover.primary().getConnection();
                ResultSet rs = connection.createStatement().executeQuery("SELECT pg_is_in_recovery()")) {
            boolean standby = rs.next() && rs.getBoolean(1);
            if (standby) {
                // a primary demoted under the pool's connections: new connections find the new one
                if (failover.primary() instanceof com.zaxxer.hikari.HikariDataSource pool
                        && pool.getHikariPoolMXBean() != null) {
                    pool.getHikariPoolMXBean().softEvictConnections();
                }
                mode.noPrimary(clock.instant());
            } else {
                mode.primaryBack(clock.instant());
            }
        } catch (java.sql.SQLException e) {
            if (ConnectionLoss.serverGone(e)) {
                mode.noPrimary(clock.instant());
            }
        }
    }

    /**
     * A single database (no replica to read from) that went away, restarting say: the node was
     * made read-only by a request or a job that lost it, and takes writes again once it answers.
     */
    private void oneServer() {
        if (!mode.readOnly()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(2) && !connection.isReadOnly()) {
                mode.primaryBack(clock.instant());
            }
        } catch (java.sql.SQLException stillGone) {
            // asked again at the next probe
        }
    }
}
