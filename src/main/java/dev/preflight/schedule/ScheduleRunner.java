package dev.preflight.schedule;

import dev.preflight.history.ExecutionHistory;
import dev.preflight.history.ExecutionStatus;
import dev.preflight.history.NodeName;
import dev.preflight.history.Trigger;
import dev.preflight.notify.ThreadLink;
import dev.preflight.report.CheckProgress;
import dev.preflight.report.CheckRequest;
import dev.preflight.run.CheckOrder;
import dev.preflight.run.CheckRuns;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
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
    private final ExecutionHistory history;
    private final CheckRuns runs;
    private final Clock clock;
    private final Duration grace;
    private final String node;
    /** A claim older than this with no execution means its node died between claiming and starting. */
    private final Duration claimToStart;

    ScheduleRunner(
            ScheduleRepository schedules,
            ExecutionHistory history,
            CheckRuns runs,
            Optional<Clock> clock,
            @Value("${preflight.schedule.grace:10m}") Duration grace,
            @Value("${preflight.node-name:}") String node,
            @Value("${preflight.heartbeat-timeout:45s}") Duration heartbeatTimeout) {
        this.schedules = schedules;
        this.history = history;
        this.runs = runs;
        this.clock = clock.orElse(Clock.systemUTC());
        this.grace = grace;
        this.node = NodeName.of(node);
        this.claimToStart = heartbeatTimeout.multipliedBy(2);
    }

    public void tick() {
        tick(clock.instant());
    }

    /** Claims and runs what is due at {@code now}, and retries interrupted fires; returns how many this node claimed. */
    public int tick(Instant now) {
        List<Schedule> all = schedules.all();
        int claimed = retryInterrupted(all, now);
        for (Schedule schedule : all) {
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

    /**
     * A fire whose run was interrupted (its node died) is run once more by whichever node claims
     * the retry first, if the fire is still within the grace period; otherwise, or after a second
     * interruption, it is recorded as interrupted with the reason.
     */
    private int retryInterrupted(List<Schedule> all, Instant now) {
        int claimed = 0;
        for (ScheduleRepository.Unfinished fire : schedules.unfinishedSince(now.minus(LOOKBACK))) {
            if (!died(fire, now)) {
                continue;
            }
            Optional<Schedule> schedule =
                    all.stream().filter(s -> s.id().equals(fire.schedule())).findFirst();
            boolean inGrace = !fire.at().isBefore(now.minus(grace));
            if (schedule.isPresent() && schedule.get().enabled() && inGrace && fire.attempts() == 1) {
                if (schedules.claimRetry(fire, node, now)) {
                    log.warn(
                            "schedule {} at {}: its run was interrupted; running it again here",
                            schedule.get().name(),
                            fire.at());
                    claimed++;
                    run(schedule.get(), fire.at());
                }
            } else {
                String reason;
                if (fire.attempts() > 1) {
                    reason = "interrupted again on retry; not retried a second time";
                } else if (schedule.isEmpty() || !schedule.get().enabled()) {
                    reason = "interrupted while the schedule was paused; not retried";
                } else {
                    reason = "interrupted after the grace period of " + grace.toMinutes() + " min; not retried";
                }
                schedules.markInterrupted(fire, reason);
            }
        }
        return claimed;
    }

    private boolean died(ScheduleRepository.Unfinished fire, Instant now) {
        if (fire.execution() == null) {
            return fire.outcome().equals("running") && fire.claimedAt().isBefore(now.minus(claimToStart));
        }
        return history.find(fire.execution())
                .map(execution -> execution.status() == ExecutionStatus.INTERRUPTED)
                .orElse(false);
    }

    private void run(Schedule schedule, Instant fire) {
        try {
            EnumSet<CheckRequest.Step> skipped = EnumSet.noneOf(CheckRequest.Step.class);
            Arrays.stream(schedule.skip().split(","))
                    .filter(step -> !step.isBlank())
                    .forEach(step -> skipped.add(CheckRequest.Step.fromName(step)));
            ThreadLink thread = schedule.thread() == null ? null : ThreadLink.parse(schedule.thread());
            CheckRuns.Launch launch = runs.start(new CheckOrder(
                    new CheckRequest(schedule.project(), schedule.release(), skipped),
                    Trigger.SCHEDULE,
                    "schedule " + schedule.name(),
                    schedule.teams()
                            ? CheckOrder.Teams.post(thread == null ? null : thread.rootMessageId(), schedule.mentions())
                            : CheckOrder.Teams.none(),
                    Map.of("schedule", schedule.id().toString(), "fire", fire.toString()),
                    CheckProgress.silent()));
            if (launch instanceof CheckRuns.AlreadyRunning running) {
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
