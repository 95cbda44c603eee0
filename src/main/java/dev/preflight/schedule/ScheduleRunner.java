package dev.preflight.schedule;

import dev.preflight.history.CheckLauncher;
import dev.preflight.history.NodeName;
import dev.preflight.history.Trigger;
import dev.preflight.notify.TeamsNotifications;
import dev.preflight.notify.ThreadLink;
import dev.preflight.report.CheckRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Runs the schedules' due fires. Each fire is claimed in the database first (schedule and fire
 * time are the key), so with any number of nodes ticking, one of them runs it. A fire no node
 * claimed within the grace period is recorded as missed, with the reason.
 */
@Service
public class ScheduleRunner {

    private static final Logger log = LoggerFactory.getLogger(ScheduleRunner.class);
    private static final Duration LOOKBACK = Duration.ofDays(1);

    private final ScheduleRepository schedules;
    private final CheckLauncher launcher;
    private final TeamsNotifications teams;
    private final Clock clock;
    private final Duration grace;
    private final String node;

    ScheduleRunner(
            ScheduleRepository schedules,
            CheckLauncher launcher,
            TeamsNotifications teams,
            Optional<Clock> clock,
            @Value("${preflight.schedule.grace:10m}") Duration grace,
            @Value("${preflight.node-name:}") String node) {
        this.schedules = schedules;
        this.launcher = launcher;
        this.teams = teams;
        this.clock = clock.orElse(Clock.systemUTC());
        this.grace = grace;
        this.node = NodeName.of(node);
    }

    public void tick() {
        tick(clock.instant());
    }

    /** Claims and runs what is due at {@code now}; returns how many fires this node claimed. */
    public int tick(Instant now) {
        int claimed = 0;
        for (Schedule schedule : schedules.all()) {
            if (!schedule.enabled()) {
                continue;
            }
            Instant since =
                    schedule.createdAt().isAfter(now.minus(LOOKBACK)) ? schedule.createdAt() : now.minus(LOOKBACK);
            for (ZonedDateTime fire : schedule.fireTimes().after(since.minusNanos(1), 1_000)) {
                Instant at = fire.toInstant();
                if (at.isAfter(now)) {
                    break;
                }
                if (at.isBefore(now.minus(grace))) {
                    if (schedules.claim(schedule.id(), at, node, now, "missed")) {
                        schedules.recordOutcome(
                                schedule.id(),
                                at,
                                "missed",
                                null,
                                "no node ran it within the grace period of " + grace.toMinutes() + " min");
                    }
                } else if (schedules.claim(schedule.id(), at, node, now, "running")) {
                    claimed++;
                    run(schedule, at);
                }
            }
        }
        return claimed;
    }

    private void run(Schedule schedule, Instant fire) {
        try {
            EnumSet<CheckRequest.Step> skipped = EnumSet.noneOf(CheckRequest.Step.class);
            Arrays.stream(schedule.skip().split(","))
                    .filter(step -> !step.isBlank())
                    .forEach(step -> skipped.add(CheckRequest.Step.fromName(step)));
            ThreadLink thread = schedule.thread() == null ? null : ThreadLink.parse(schedule.thread());
            CheckLauncher.Launch launch = launcher.launch(
                    new CheckRequest(schedule.project(), schedule.release(), skipped),
                    Trigger.SCHEDULE,
                    "schedule " + schedule.name(),
                    Map.of("schedule", schedule.id().toString(), "fire", fire.toString(), "notify", schedule.teams()),
                    outcome -> {
                        if (schedule.teams()) {
                            teams.notify(
                                    outcome.execution().id(),
                                    outcome.report(),
                                    new TeamsNotifications.Options(thread, true, false));
                        }
                    });
            if (launch instanceof CheckLauncher.AlreadyRunning running) {
                schedules.recordOutcome(
                        schedule.id(),
                        fire,
                        "skipped",
                        running.execution(),
                        "a check of " + running.release() + " was already running");
            } else {
                schedules.recordOutcome(schedule.id(), fire, "started", launch.execution(), null);
            }
        } catch (RuntimeException e) {
            log.warn("schedule {} at {} failed to start: {}", schedule.name(), fire, e.getMessage());
            schedules.recordOutcome(schedule.id(), fire, "failed", null, e.getMessage());
        }
    }
}
