package dev.preflight.schedule;

import java.time.Clock;
import java.time.Duration;
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

    /** Schedules fire at most this often (a minute): a check every second would also bypass the start limit. */
    private final Duration minimumInterval;

    Schedules(
            ScheduleRepository repository,
            Optional<Clock> clock,
            @org.springframework.beans.factory.annotation.Value("${preflight.schedule.minimum-interval:1m}")
                    Duration minimumInterval) {
        this.repository = repository;
        this.clock = clock.orElse(Clock.systemUTC());
        this.minimumInterval = minimumInterval;
    }

    /** Stores a schedule; with {@code mentions} false its Teams card names people instead of @mentioning them. */
    public Schedule add(
            String name,
            String cron,
            ZoneId zone,
            WeekParity parity,
            String project,
            @Nullable String release,
            String skip,
            boolean notify,
            boolean mentions,
            @Nullable String thread) {
        dev.preflight.report.CheckRequest.requireProject(project.trim());
        dev.preflight.report.CheckRequest.requireRelease(release);
        if (name.isBlank() || name.length() > MAX_NAME || name.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(
                    "name: 1 to " + MAX_NAME + " characters, no line breaks or control characters");
        }
        requireMinimumInterval(new FireTimes(cron.trim(), zone, parity));
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
                mentions,
                thread,
                true,
                clock.instant());
        repository.insert(schedule);
        return schedule;
    }

    /** A schedule's longest name. */
    static final int MAX_NAME = 80;

    private void requireMinimumInterval(FireTimes fires) {
        List<java.time.ZonedDateTime> next = fires.after(clock.instant(), 10);
        for (int i = 1; i < next.size(); i++) {
            if (Duration.between(next.get(i - 1), next.get(i)).compareTo(minimumInterval) < 0) {
                throw new IllegalArgumentException("cron: fires more often than every "
                        + minimumInterval.toSeconds() + " s ("
                        + next.get(i - 1).toLocalTime() + ", then "
                        + next.get(i).toLocalTime() + ")");
            }
        }
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
