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
        if (project.isBlank() || !project.trim().matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("project '" + project + "' is not a Jira project key");
        }
        for (String step : skip.split(",")) {
            if (!step.isBlank()) {
                dev.preflight.report.CheckRequest.Step.fromName(step.trim());
            }
        }
        if (thread != null && !thread.isBlank()) {
            dev.preflight.notify.ThreadLink.parse(thread);
        } else {
            thread = null;
        }
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

    public Optional<Schedule> find(UUID id) {
        return list().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** Pauses or resumes a schedule: fires due while paused are recorded as missed (run if still within the grace period). */
    public boolean setEnabled(UUID id, boolean enabled) {
        return repository.setEnabled(id, enabled) > 0;
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
