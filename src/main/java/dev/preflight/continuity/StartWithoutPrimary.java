package dev.preflight.continuity;

import java.time.Clock;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A node that starts while the database has no primary (two sites lost, and this one restarted)
 * cannot migrate the schema; it starts read-only instead, provided the schema it finds is already
 * the one it needs. A schema that needs changes waits for a primary: the node does not start.
 */
@Configuration(proxyBeanMethods = false)
class StartWithoutPrimary {

    private static final Logger log = LoggerFactory.getLogger(StartWithoutPrimary.class);

    @Bean
    FlywayMigrationStrategy migrateOrStartReadOnly(DatabaseMode mode) {
        return flyway -> {
            try {
                flyway.migrate();
            } catch (RuntimeException e) {
                if (!ConnectionLoss.serverGone(e) && !mode.readOnly()) {
                    throw e;
                }
                upToDate(flyway, e);
                mode.noPrimary(Clock.systemUTC().instant());
                log.error("started without a primary: the schema is up to date, the node is read-only");
            }
        };
    }

    private static void upToDate(Flyway flyway, RuntimeException cause) {
        try {
            if (flyway.info().pending().length > 0) {
                throw new IllegalStateException("the schema needs changes and the database has no primary", cause);
            }
        } catch (RuntimeException unreadable) {
            if (unreadable.getCause() == cause) {
                throw unreadable;
            }
            throw new IllegalStateException("the database has no primary and no replica could be read", cause);
        }
    }
}
