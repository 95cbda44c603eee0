package dev.preflight.push;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Every server node posts what is due, each second by default: a command line run only queues. */
@Component
@ConditionalOnWebApplication
class PushDeliveryJob {

    private final PushOutbox outbox;

    private final dev.preflight.continuity.DatabaseMode database;

    PushDeliveryJob(dev.preflight.continuity.DatabaseMode database, PushOutbox outbox) {
        this.database = database;
        this.outbox = outbox;
    }

    @Scheduled(fixedDelayString = "${preflight.push.poll:1s}", initialDelayString = "${preflight.push.poll:1s}")
    void tick() {
        if (database.readOnly()) {
            return; // nothing is written while the database has no primary
        }
        outbox.deliverDue();
    }

    @Scheduled(fixedDelayString = "1h", initialDelayString = "10m")
    void purge() {
        if (database.readOnly()) {
            return; // nothing is written while the database has no primary
        }
        outbox.purge(java.time.Duration.ofDays(7));
    }
}
