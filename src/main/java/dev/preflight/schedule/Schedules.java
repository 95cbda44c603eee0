package dev.preflight.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** The stored schedules: add, list, remove, and what each fire became. */
@Service
public class Schedules {

    private final ScheduleRepository repository;
    private final Clock clock;

    Schedules(ScheduleRepository repository, Optional<Clock> clock) {
        this.repository = repository;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    public Schedule add(
            String name,
            String cron,
            ZoneId zone,
            WeekParity parity,
            String project,
            @Nullable String release,
            String skip,
            boolean notify,
            @Nullable String thread) {
        Schedule schedule = new Schedule(
                UUID.randomUUID(),
                name.trim(),
                cron.trim(),
                zone,
                parity,
                project.trim(),
                release == null || release.isBlank() ? null : release.trim(),
                skip,
                notify,
                thread,
                true,
                clock.instant());
        repository.insert(schedule);
        return schedule;
    }

    public List<Schedule> list() {
        return repository.all();
    }

    public boolean remove(UUID id) {
        return repository.delete(id) > 0;
    }

    /** A fire as recorded. */
    public record Fire(
            Instant at,
            String node,
            String outcome,
            @Nullable UUID execution,
            @Nullable String detail) {}

    public List<Fire> fires(UUID schedule) {
        return repository.fires(schedule).stream()
                .map(f -> new Fire(f.at(), f.node(), f.outcome(), f.execution(), f.detail()))
                .toList();
    }
}
