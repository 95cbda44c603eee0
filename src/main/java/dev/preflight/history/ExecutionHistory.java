package dev.preflight.history;

import dev.preflight.check.Finding;
import dev.preflight.check.ReleaseReport;
import dev.preflight.report.ReportJson;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Records executions as they run and keeps them: the report, the findings, the log. */
@Service
public class ExecutionHistory {

    private final ExecutionRepository executions;
    private final ReleaseLocks releaseLocks;
    private final String node;
    private final Clock clock;
    private final Optional<dev.preflight.continuity.DatabaseMode> database;
    private final java.time.Duration heartbeat;
    private final JsonMapper json = JsonMapper.builder().build();
    private final JsonMapper prettyJson = JsonMapper.builder()
            .enable(tools.jackson.databind.SerializationFeature.INDENT_OUTPUT)
            .build();

    ExecutionHistory(
            ExecutionRepository executions,
            ReleaseLocks releaseLocks,
            Optional<Clock> clock,
            @org.springframework.beans.factory.annotation.Value("${preflight.node-name:}") String node,
            Optional<dev.preflight.continuity.DatabaseMode> database,
            @org.springframework.beans.factory.annotation.Value("${preflight.heartbeat-interval:10s}")
                    java.time.Duration heartbeat) {
        this.database = database;
        this.heartbeat = heartbeat;
        this.executions = executions;
        this.releaseLocks = releaseLocks;
        this.clock = clock.orElse(Clock.systemUTC());
        this.node = NodeName.of(node);
    }

    /** Records a started execution; {@code options} are the switches used (stored as JSON). */
    @Transactional
    public Execution start(
            String project,
            @Nullable String release,
            Trigger trigger,
            @Nullable String triggeredBy,
            Map<String, ?> options) {
        Execution execution = new Execution(
                UUID.randomUUID(),
                project,
                release,
                null,
                trigger,
                triggeredBy,
                clock.instant(),
                null,
                ExecutionStatus.RUNNING,
                json.writeValueAsString(options),
                null,
                null,
                null,
                null);
        executions.insert(execution);
        return execution;
    }

    /**
     * Appends a log line. A check's branches log concurrently and an execution runs on one node,
     * so serialising here is enough to keep the sequence numbers unique.
     */
    public synchronized void log(UUID id, String level, String message) {
        executions.appendLog(id, clock.instant(), level, message);
    }

    /** Stores the report and its findings; the execution ends in {@code status}. */
    @Transactional
    public Execution finish(UUID id, ReleaseReport report, ExecutionStatus status, @Nullable String error) {
        Execution running = get(id);
        ObjectNode summary = json.createObjectNode();
        report.summary().forEach((category, count) -> summary.put(category.key(), count));
        Execution done = new Execution(
                id,
                running.project(),
                report.release(),
                report.packagingRelease(),
                running.trigger(),
                running.triggeredBy(),
                running.startedAt(),
                clock.instant(),
                status,
                running.options(),
                summary.toString(),
                report.verdict(),
                new ReportJson().write(report.withStatus(status.key())),
                error);
        executions.update(done);
        for (Finding finding : report.findings()) {
            executions.insertFinding(
                    id,
                    new StoredFinding(
                            id,
                            finding.ticket(),
                            finding.category().key(),
                            finding.severity().key(),
                            finding.assignee(),
                            finding.detail()));
        }
        return done;
    }

    /** Ends an execution without a report. */
    @Transactional
    public Execution fail(UUID id, ExecutionStatus status, String error) {
        Execution running = get(id);
        Execution done = new Execution(
                id,
                running.project(),
                running.release(),
                running.packagingRelease(),
                running.trigger(),
                running.triggeredBy(),
                running.startedAt(),
                clock.instant(),
                status,
                running.options(),
                null,
                null,
                null,
                error);
        executions.update(done);
        return done;
    }

    /** Marks a finished execution partial (a notification failed), keeping its report. */
    @Transactional
    public void markPartial(UUID id, String error) {
        executions.update(restated(get(id), ExecutionStatus.PARTIAL, error));
    }

    /** Marks a partial execution successful again once its notifications went out. */
    @Transactional
    public void markDelivered(UUID id) {
        Execution e = get(id);
        if (e.status() == ExecutionStatus.PARTIAL) {
            executions.update(restated(e, ExecutionStatus.SUCCESS, null));
        }
    }

    /** The execution in another status; its stored report says the same status. */
    private Execution restated(Execution e, ExecutionStatus status, @Nullable String error) {
        String report = null;
        if (e.report() != null) {
            ObjectNode tree = (ObjectNode) json.readTree(e.report());
            tree.put("status", status.key());
            report = prettyJson.writeValueAsString(tree);
        }
        return new Execution(
                e.id(),
                e.project(),
                e.release(),
                e.packagingRelease(),
                e.trigger(),
                e.triggeredBy(),
                e.startedAt(),
                e.endedAt(),
                status,
                e.options(),
                e.summary(),
                e.verdict(),
                report,
                error);
    }

    /** This node still runs the execution. */
    public void beat(UUID id) {
        executions.beat(id, node, clock.instant());
    }

    /**
     * Marks as interrupted every running execution that was abandoned: its node has not beaten for
     * {@code timeout}, or it ran in a process of this host that has ended (a killed CLI run is
     * then freed at once, not a timeout later). Keeps its log with the reason, frees its release.
     * None is judged while the database has no primary, nor within two beats of it having one
     * again: beats could not land meanwhile, so a live run may look abandoned until its next one.
     */
    @Transactional
    public List<UUID> interruptAbandoned(java.time.Duration timeout) {
        Instant now = clock.instant();
        if (database.isPresent() && !database.get().writableFor(heartbeat.multipliedBy(2), now)) {
            return List.of();
        }
        Instant cutoff = now.minus(timeout);
        List<UUID> interrupted = new java.util.ArrayList<>();
        for (ExecutionRepository.Stale run : executions.running()) {
            String reason;
            if (run.lastBeat().isBefore(cutoff)) {
                reason = "interrupted: node " + (run.node() == null ? "(unknown)" : run.node())
                        + " stopped beating at " + run.lastBeat() + " (no heartbeat for " + timeout.toSeconds()
                        + " s)";
            } else if (NodeName.endedOnThisHost(run.node())) {
                reason = "interrupted: its process " + run.node() + " ended before the check did";
            } else {
                continue;
            }
            if (executions.interrupt(run.id(), now, reason)) {
                executions.appendLog(run.id(), now, "ERROR", reason);
                releaseLocks.releaseAll(run.id());
                interrupted.add(run.id());
            }
        }
        return interrupted;
    }

    /** Claims the release for this execution; empty when claimed, else the execution holding it. */
    public Optional<UUID> claim(String project, String release, UUID execution) {
        return releaseLocks.claim(project, release, execution, clock.instant());
    }

    public void releaseClaim(String project, String release, UUID execution) {
        releaseLocks.release(project, release, execution);
    }

    public Optional<Execution> find(UUID id) {
        return executions.find(id);
    }

    public Execution get(UUID id) {
        return executions.find(id).orElseThrow(() -> new NoSuchElementException("no execution " + id));
    }

    public List<Execution> list(ExecutionFilter filter) {
        return executions.list(filter);
    }

    /** A check that ended, without its report: what statistics count. */
    public record EndedCheck(
            String project,
            @Nullable String release,
            Trigger trigger,
            ExecutionStatus status,
            Instant startedAt,
            Instant endedAt,
            dev.preflight.check.@Nullable Verdict verdict) {}

    /** Checks that ended since this instant, oldest first: the latest 20,000 at most. */
    public List<EndedCheck> endedSince(Instant since) {
        List<EndedCheck> newestFirst = new java.util.ArrayList<>(executions.endedSince(since));
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** Each project's latest complete check: its release and findings per category key. */
    public record LatestFindings(String project, @Nullable String release, Map<String, Integer> byCategory) {}

    public List<LatestFindings> latestFindings() {
        List<LatestFindings> out = new java.util.ArrayList<>();
        for (String[] row : executions.latestCompleteSummaries()) {
            Map<String, Integer> counts = new java.util.TreeMap<>();
            try {
                json.readTree(row[2])
                        .properties()
                        .forEach(e -> counts.put(e.getKey(), e.getValue().asInt()));
            } catch (RuntimeException unreadable) {
                continue; // an old or damaged summary: that project shows nothing rather than wrong figures
            }
            out.add(new LatestFindings(row[0], row[1], counts));
        }
        return out;
    }

    public long count(ExecutionFilter filter) {
        return executions.count(filter);
    }

    /** The count up to {@code cap}, for pages that only need to know whether there are more. */
    public long countUpTo(ExecutionFilter filter, long cap) {
        return executions.countUpTo(filter, cap);
    }

    public List<LogLine> log(UUID id, int afterSeq) {
        return executions.log(id, afterSeq);
    }

    public List<StoredFinding> findings(FindingQuery query) {
        return executions.findings(query);
    }

    @Transactional
    public boolean delete(UUID id) {
        return executions.delete(id) > 0;
    }

    /** Keeps the newest {@code keep} executions of each release, and any younger than the cut-off. */
    @Transactional
    public int applyRetention(int keep, java.time.Duration maxAge) {
        return executions.deleteOlderThan(clock.instant().minus(maxAge), keep);
    }

    Instant now() {
        return clock.instant();
    }
}
