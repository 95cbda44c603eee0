package dev.preflight.push;

import dev.preflight.check.AssigneeRow;
import dev.preflight.check.ReleaseReport;
import dev.preflight.history.Execution;
import dev.preflight.history.ExecutionStatus;
import dev.preflight.history.Trigger;
import dev.preflight.run.CheckRuns;
import dev.preflight.sla.Escalations;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Turns what happens into personal messages: after a check, each person the report would @mention
 * learns how many findings are theirs (a substitute, for whom); whoever started a check learns how
 * it ended; an SLA escalation reaches the people it names. Queued before Teams is told, so a phone
 * hears of it within seconds; a failure here never touches the check.
 */
@Component
class PersonalMessages {

    private static final Logger log = LoggerFactory.getLogger(PersonalMessages.class);

    /**
     * Checks started by a signed-in person: a schedule or an import has nobody to tell, and a
     * command line run is named by its operating-system account, which is not a member.
     */
    private static final Set<Trigger> STARTED_BY_A_MEMBER = Set.of(Trigger.WEB, Trigger.API);

    private final PushOutbox outbox;

    PersonalMessages(PushOutbox outbox) {
        this.outbox = outbox;
    }

    @EventListener
    @Order(1)
    void on(CheckRuns.ReportStored stored) {
        // only a check that tells people (Teams with @mentions, not a dry run) tells them here too
        var teams = stored.teams();
        if (!teams.post() || !teams.mentions() || teams.dryRun()) {
            return;
        }
        try {
            findings(stored.execution(), stored.report());
        } catch (RuntimeException e) {
            log.warn(
                    "push messages of execution {} not queued: {}",
                    stored.execution().id(),
                    e.getMessage());
        }
    }

    /** However it ended, whoever started it hears of it. */
    @EventListener
    void on(CheckRuns.CheckEnded ended) {
        try {
            finished(ended.execution());
        } catch (RuntimeException e) {
            log.warn(
                    "push message of execution {} not queued: {}",
                    ended.execution().id(),
                    e.getMessage());
        }
    }

    @EventListener
    void on(Escalations.Escalated escalated) {
        outbox.queue(
                escalated.people(),
                new PushMessage(
                        MessageKind.ESCALATION,
                        escalated.title(),
                        escalated.body(),
                        "/problems/" + escalated.problem(),
                        "problem-" + escalated.problem(),
                        escalated.breached() ? PushMessage.Urgency.HIGH : PushMessage.Urgency.NORMAL));
    }

    /** "3 findings for you in H3-2026.7", to each person the card would @mention. */
    private void findings(Execution execution, ReleaseReport report) {
        Map<String, Share> shares = new LinkedHashMap<>();
        for (AssigneeRow row : report.byAssignee()) {
            int count = row.tickets().values().stream().mapToInt(List::size).sum();
            if (count == 0) {
                continue;
            }
            for (String recipient : row.recipients()) {
                Share share = shares.computeIfAbsent(Devices.person(recipient), k -> new Share());
                share.count += count;
                share.rows.add(row);
            }
        }
        shares.forEach((person, share) -> {
            String title =
                    share.count + (share.count == 1 ? " finding" : " findings") + " for you in " + report.release();
            List<String> forOthers = share.rows.stream()
                    .filter(row -> !person.equals(Devices.person(row.assignee())))
                    .map(row -> row.displayName() != null ? row.displayName() : row.assignee())
                    .toList();
            String body = report.project() + " · " + report.verdict().headline()
                    + (forOthers.isEmpty() ? "" : " · standing in for " + String.join(", ", forOthers));
            // one row: the execution's findings filtered to it; several: the whole report
            String url = "/executions/" + execution.id()
                    + (share.rows.size() == 1
                            ? "?assignee="
                                    + URLEncoder.encode(share.rows.getFirst().assignee(), StandardCharsets.UTF_8)
                            : "");
            outbox.queue(
                    List.of(person),
                    new PushMessage(
                            MessageKind.FINDINGS,
                            title,
                            body,
                            url,
                            "findings-" + report.project() + "-" + report.release(),
                            PushMessage.Urgency.NORMAL));
        });
    }

    /** "Your check finished: not ready", to whoever started it; "…: error" when it failed. */
    private void finished(Execution execution) {
        String starter = starter(execution);
        if (starter == null || !STARTED_BY_A_MEMBER.contains(execution.trigger())) {
            return;
        }
        var verdict = execution.verdict();
        boolean complete = verdict != null
                && (execution.status() == ExecutionStatus.SUCCESS || execution.status() == ExecutionStatus.PARTIAL);
        String title = "Your check finished: "
                + (complete
                        ? verdict.word().toLowerCase(java.util.Locale.ROOT)
                        : execution.status().key());
        String body = execution.project() + (execution.release() == null ? "" : " " + execution.release()) + " · "
                + (complete ? verdict.counts() : "no report");
        outbox.queue(
                List.of(starter),
                new PushMessage(
                        MessageKind.FINISHED,
                        title,
                        body,
                        "/executions/" + execution.id(),
                        "finished-" + execution.id(),
                        PushMessage.Urgency.NORMAL));
    }

    /** The person who started it, as the history names them ("alice", or "alice (token ci)"). */
    static @Nullable String starter(Execution execution) {
        String by = execution.triggeredBy();
        if (by == null || by.isBlank()) {
            return null;
        }
        int token = by.indexOf(" (token ");
        return token > 0 ? by.substring(0, token) : by;
    }

    private static final class Share {
        int count;
        final List<AssigneeRow> rows = new ArrayList<>();
    }
}
