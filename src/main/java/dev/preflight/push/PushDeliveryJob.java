package dev.preflight.push;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Every server node posts what is due, each second by default: a command line run only queues. */
@Component
@ConditionalOnWebApplication
class PushDeliveryJob {

    private final PushOutbox outbox;

    PushDeliveryJob(PushOutbox outbox) {
        this.outbox = outbox;
    }

    @Scheduled(fixedDelayString = "${preflight.push.poll:1s}", initialDelayString = "${preflight.push.poll:1s}")
    void tick() {
        outbox.deliverDue();
    }

    @Scheduled(fixedDelayString = "1h", initialDelayString = "10m")
    void purge() {
        outbox.purge(java.time.Duration.ofDays(7));
    }
}
