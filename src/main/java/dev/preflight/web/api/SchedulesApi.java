package dev.preflight.web.api;

import dev.preflight.schedule.FireTimes;
import dev.preflight.schedule.Schedule;
import dev.preflight.schedule.Schedules;
import dev.preflight.schedule.WeekParity;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Stored schedules over JSON: list, read with the next fire times and recent fires, create, delete, preview. */
@RestController
@RequestMapping(path = "/api/v1/schedules", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Schedules", description = "Checks run by themselves, each fire once across the cluster")
class SchedulesApi {

    private final Schedules schedules;

    SchedulesApi(Schedules schedules) {
        this.schedules = schedules;
    }

    /** What a client sends to create a schedule; {@code release} empty means the next release at run time. */
    record NewSchedule(
            String name,
            String cron,
            String zone,
            @Nullable String parity,
            String project,
            @Nullable String release,
            @Nullable List<String> skip,
            @Nullable Boolean teams,
            @Nullable Boolean mentions,
            @Nullable String thread) {}

    record ScheduleView(Schedule schedule, List<OffsetDateTime> next, List<Schedules.Fire> recentFires) {}

    @GetMapping
    @Operation(summary = "Every stored schedule")
    List<Schedule> list() {
        return schedules.list();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One schedule, its next 10 fire times and its last 50 fires")
    ScheduleView get(@PathVariable UUID id) {
        Schedule schedule = schedules.find(id).orElseThrow(() -> new NoSuchElementException("no schedule " + id));
        List<Schedules.Fire> fires = schedules.fires(schedule.id());
        return new ScheduleView(
                schedule, next(schedule.fireTimes(), 10), fires.subList(Math.max(0, fires.size() - 50), fires.size()));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Store a schedule (201 with its link)")
    ResponseEntity<Schedule> create(@RequestBody NewSchedule body, jakarta.servlet.http.HttpServletRequest http) {
        if (body.name() != null) {
            dev.preflight.security.Audit.target(http, body.name());
        }
        if (body.name() == null || body.cron() == null || body.zone() == null || body.project() == null) {
            throw new IllegalArgumentException("name, cron, zone and project are required");
        }
        Schedule schedule = schedules.add(
                body.name(),
                body.cron(),
                FireTimes.zone(body.zone()),
                WeekParity.fromKey(body.parity() == null ? "any" : body.parity()),
                body.project(),
                body.release(),
                body.skip() == null ? "" : String.join(",", body.skip()),
                Boolean.TRUE.equals(body.teams()),
                !Boolean.FALSE.equals(body.mentions()),
                body.thread());
        return ResponseEntity.created(URI.create("/api/v1/schedules/" + schedule.id()))
                .body(schedule);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a schedule and its fire records")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        if (!schedules.remove(id)) {
            throw new NoSuchElementException("no schedule " + id);
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/preview")
    @Operation(summary = "The next fire times of a rule, without storing anything")
    List<OffsetDateTime> preview(
            @RequestParam String cron,
            @RequestParam String zone,
            @RequestParam(defaultValue = "any") String parity,
            @RequestParam(defaultValue = "10") int count) {
        if (count < 1 || count > 1000) {
            throw new IllegalArgumentException("count must be between 1 and 1000");
        }
        return next(new FireTimes(cron, FireTimes.zone(zone), WeekParity.fromKey(parity)), count);
    }

    static List<OffsetDateTime> next(FireTimes times, int count) {
        return times.after(Instant.now(), count).stream()
                .map(fire -> fire.toOffsetDateTime())
                .toList();
    }
}
