package dev.preflight.sla;

import dev.preflight.notify.TeamsNotifications;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Every server node looks for thresholds passed, each minute; the claims keep one message per threshold. */
@Component
@ConditionalOnWebApplication
class EscalationJob {

    private final Escalations escalations;

    private final dev.preflight.continuity.DatabaseMode database;

    EscalationJob(
            dev.preflight.continuity.DatabaseMode database,
            JdbcClient jdbc,
            Problems problems,
            Calendars calendars,
            TeamsNotifications teams,
            org.springframework.context.ApplicationEventPublisher events,
            @Value("${preflight.node-name:}") String node,
            @Value("${preflight.public-url:}") String publicUrl,
            Optional<Clock> clock) {
        this.database = database;
        this.escalations = new Escalations(
                jdbc,
                problems,
                calendars,
                (title, lines, emails, link, thread, key) -> {
                    try {
                        teams.requireWebhook();
                    } catch (IllegalArgumentException none) {
                        throw new Escalations.NowhereToSend(none.getMessage());
                    }
                    teams.post(title, lines, emails, link, thread, key);
                },
                events::publishEvent,
                dev.preflight.history.NodeName.of(node),
                publicUrl,
                clock.orElse(Clock.systemUTC()));
    }

    @Scheduled(
            fixedDelayString = "${preflight.sla.escalation-check:60s}",
            initialDelayString = "${preflight.sla.escalation-check:60s}")
    void tick() {
        if (database.readOnly()) {
            return; // nothing is written while the database has no primary
        }
        escalations.escalate();
    }
}
