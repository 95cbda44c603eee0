package dev.preflight.notify;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The Teams outbox as operators watch it: cards waiting to be sent, and how long the oldest has
 * waited (an alert fires when it stays stuck). Read from the database at each scrape, so every
 * node reports the same figures.
 */
@Component
class OutboxMetrics implements MeterBinder {

    private final JdbcClient jdbc;
    private final Clock clock;

    OutboxMetrics(JdbcClient jdbc, Optional<Clock> clock) {
        this.jdbc = jdbc;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        // counted by TeamsWebhook; present from the start so that rates over them begin at zero
        for (String outcome : java.util.List.of("sent", "unavailable", "refused")) {
            registry.counter("preflight.teams.deliveries", "outcome", outcome);
        }
        Gauge.builder("preflight.teams.outbox.pending", this, OutboxMetrics::pending)
                .description("Teams cards waiting to be sent")
                .register(registry);
        Gauge.builder("preflight.teams.outbox.oldest", this, OutboxMetrics::oldestSeconds)
                .description("How long the oldest pending Teams card has waited")
                .baseUnit("seconds")
                .register(registry);
    }

    private double pending() {
        return jdbc.sql("SELECT COUNT(*) FROM notification WHERE status = 'pending'")
                .query(Long.class)
                .single();
    }

    private double oldestSeconds() {
        return jdbc.sql("SELECT MIN(created_at) FROM notification WHERE status = 'pending'")
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)))
                .single()
                .map(at -> (double)
                        Duration.between(at.toInstant(), clock.instant()).toSeconds())
                .orElse(0.0);
    }
}
