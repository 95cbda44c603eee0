package dev.preflight.usage;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What Prometheus reads passes {@code promtool check metrics}: every metric has a help text (ours
 * say what they count; others get their name in words), and the few that break its naming rules
 * are left out: per-filter security timings named after our classes (camelCase, and one series per
 * filter), and three JVM figures whose names carry an abbreviated unit or a "_count" suffix.
 */
@Configuration
class MetricNames {

    private static final Map<String, String> HELP = Map.ofEntries(
            Map.entry("preflight.checks", "Checks that ended, by how they were started and how they ended"),
            Map.entry("preflight.check.duration", "How long checks take, from start to end"),
            Map.entry("preflight.findings", "Findings of the latest complete check of each project, by category"),
            Map.entry("preflight.upstream.requests", "Requests to upstream services, each attempt"),
            Map.entry("preflight.teams.deliveries", "Teams cards and messages posted, by outcome"),
            Map.entry("preflight.teams.outbox.pending", "Teams cards waiting to be sent"),
            Map.entry("preflight.teams.outbox.oldest", "How long the oldest pending Teams card has waited"),
            Map.entry("preflight.page.views", "Pages shown, by page template"),
            Map.entry("preflight.push.deliveries", "Push messages posted to push services, by outcome"),
            Map.entry("preflight.sla.escalations", "SLA escalations sent, at 75 % (warning) and at breach"),
            Map.entry("preflight.cache.requests", "Reads of the shared cache, by type and result"),
            Map.entry("preflight.cache.loads", "Upstream reads made to fill the shared cache, by type"));

    private static final List<String> LEFT_OUT =
            List.of("jvm.compilation.time", "process.cpu.time", "system.cpu.count");

    @Bean
    MeterFilter lintCleanMetrics() {
        return new MeterFilter() {
            @Override
            public MeterFilterReply accept(Meter.Id id) {
                return id.getName().startsWith("spring.security.filterchains") || LEFT_OUT.contains(id.getName())
                        ? MeterFilterReply.DENY
                        : MeterFilterReply.NEUTRAL;
            }

            @Override
            public Meter.Id map(Meter.Id id) {
                String given = id.getDescription();
                if (given != null && !given.isBlank()) {
                    return id;
                }
                String help = HELP.getOrDefault(id.getName(), id.getName().replace('.', ' '));
                return new Meter.Id(
                        id.getName(),
                        io.micrometer.core.instrument.Tags.of(id.getTags()),
                        id.getBaseUnit(),
                        help,
                        id.getType());
            }
        };
    }
}
