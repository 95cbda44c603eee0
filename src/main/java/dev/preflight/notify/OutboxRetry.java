package dev.preflight.notify;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Retries the Teams outbox on a fixed delay, and so also after a restart. Kept apart from
 * {@link TeamsNotifications} because scheduled beans start eagerly: this one needs nothing until
 * it fires.
 */
@Configuration(proxyBeanMethods = false)
class OutboxRetry {

    private final ObjectProvider<TeamsNotifications> notifications;

    private final dev.preflight.continuity.DatabaseMode database;

    OutboxRetry(dev.preflight.continuity.DatabaseMode database, ObjectProvider<TeamsNotifications> notifications) {
        this.database = database;
        this.notifications = notifications;
    }

    @Scheduled(
            initialDelayString = "${preflight.teams.outbox-retry-interval:5m}",
            fixedDelayString = "${preflight.teams.outbox-retry-interval:5m}")
    void retry() {
        if (database.readOnly()) {
            return; // nothing is written while the database has no primary
        }
        notifications.getObject().retryPending();
    }
}
