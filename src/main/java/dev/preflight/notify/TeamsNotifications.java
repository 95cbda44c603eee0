package dev.preflight.notify;

import dev.preflight.check.AssigneeRow;
import dev.preflight.check.ReleaseReport;
import dev.preflight.directory.Directory;
import dev.preflight.directory.DirectoryEntry;
import dev.preflight.directory.DirectoryProperties;
import dev.preflight.history.ExecutionHistory;
import dev.preflight.run.CheckOrder;
import dev.preflight.run.CheckRuns;
import dev.preflight.upstream.UpstreamException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends an execution's report to Teams through the outbox: the cards are stored first, then
 * posted in order; what could not be posted stays pending, the execution turns {@code partial},
 * and it is retried later (also after a restart) or resent by hand.
 */
@Service
public class TeamsNotifications {

    private static final Logger log = LoggerFactory.getLogger(TeamsNotifications.class);

    private final TeamsProperties properties;
    private final org.springframework.beans.factory.ObjectProvider<DirectoryProperties> directories;
    private final ExecutionHistory history;
    private final OutboxRepository outbox;
    private final JsonMapper json;
    private final Clock clock;

    TeamsNotifications(
            TeamsProperties properties,
            org.springframework.beans.factory.ObjectProvider<DirectoryProperties> directories,
            ExecutionHistory history,
            OutboxRepository outbox,
            JsonMapper json,
            Optional<Clock> clock) {
        this.properties = properties;
        this.directories = directories;
        this.history = history;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** What to send and how. */
    public record Options(@Nullable String threadRootId, boolean mentions, boolean dryRun) {}

    /** How a delivery went; {@code error} is null when every card was accepted (or it was a dry run). */
    public record Delivery(int parts, int sent, @Nullable String error, List<String> payloads) {
        public boolean delivered() {
            return error == null;
        }
    }

    /**
     * The Teams step of a check, once its report is stored. Synchronous on purpose: the CLI says
     * how it went before it exits, and the outbox already keeps what could not be sent for the
     * retry, so an asynchronous listener would add nothing but a race with the process's end.
     */
    @EventListener
    void on(CheckRuns.ReportStored stored) {
        CheckOrder.Teams teams = stored.teams();
        if (!teams.post()) {
            return;
        }
        UUID execution = stored.execution().id();
        try {
            notify(execution, stored.report(), new Options(teams.threadRootId(), teams.mentions(), teams.dryRun()));
        } catch (RuntimeException e) {
            // the report is stored whatever happens here; the execution says why Teams was not told
            log.warn("Teams step of execution {} failed: {}", execution, e.getMessage());
            history.log(execution, "WARN", "Teams: not sent: " + e.getMessage());
            history.markPartial(execution, "Teams: " + e.getMessage());
        }
    }

    /** Fails unless a webhook is configured: checked before a check that will post starts. */
    public void requireWebhook() {
        if (properties.target() == null) {
            throw new IllegalArgumentException("no Teams webhook: set PREFLIGHT_TEAMS_WEBHOOK_URL (or use --dry-run)");
        }
    }

    /** How the execution's Teams step stands, from its outbox. */
    public Delivery delivery(UUID execution) {
        List<OutboxEntry> entries = outbox.of(execution);
        int sent = (int) entries.stream()
                .filter(e -> e.status() == OutboxEntry.Status.SENT)
                .count();
        String error = entries.stream()
                .filter(e -> e.status() == OutboxEntry.Status.PENDING)
                .map(e -> e.lastError() == null ? "not sent yet" : e.lastError())
                .findFirst()
                .orElse(null);
        List<String> dryRun = entries.stream()
                .filter(e -> e.status() == OutboxEntry.Status.DRY_RUN)
                .map(OutboxEntry::payload)
                .toList();
        return new Delivery(entries.size(), sent, error, dryRun);
    }

    public Delivery notify(UUID execution, ReleaseReport report, Options options) {
        if (!options.dryRun()) {
            requireWebhook();
        }
        List<String> cardNotes = new ArrayList<>();
        Map<String, Recipient> recipients =
                recipients(execution, report, options.mentions() && properties.mentions(), cardNotes);
        CardSettings settings = new CardSettings(
                properties.cardVersion(),
                properties.zone(),
                properties.maxCardBytes(),
                options.mentions()
                        && properties.mentions()
                        && recipients.values().stream().anyMatch(r -> r.upn() != null),
                properties.publicUrl(),
                execution);
        List<AdaptiveCard> cards = new ReportCards(json)
                .cards(
                        report.withNotes(cardNotes),
                        email -> recipients.getOrDefault(email, new Recipient(email, email, null)),
                        settings);
        TeamsPayload envelope = new TeamsPayload(json);
        List<OutboxEntry> entries = new ArrayList<>();
        for (int i = 0; i < cards.size(); i++) {
            entries.add(new OutboxEntry(
                    execution,
                    i + 1,
                    cards.size(),
                    envelope.write(cards.get(i), options.threadRootId(), execution + "-" + (i + 1)),
                    execution + "-" + (i + 1),
                    options.dryRun() ? OutboxEntry.Status.DRY_RUN : OutboxEntry.Status.PENDING,
                    0,
                    null,
                    clock.instant(),
                    null));
        }
        outbox.replace(execution, entries);
        history.log(
                execution,
                "INFO",
                "Teams: " + cards.size() + " card(s) prepared"
                        + (options.threadRootId() == null ? "" : " as a reply in thread " + options.threadRootId())
                        + (options.dryRun() ? " (dry run: not posted)" : ""));
        if (options.dryRun()) {
            return new Delivery(
                    cards.size(),
                    0,
                    null,
                    entries.stream().map(OutboxEntry::payload).toList());
        }
        return deliver(execution);
    }

    /** Posts the execution's pending cards, in order, stopping at the first that fails. */
    public Delivery deliver(UUID execution) {
        List<OutboxEntry> entries = outbox.of(execution);
        URI target = properties.target();
        if (target == null) {
            throw new IllegalArgumentException("no Teams webhook: set PREFLIGHT_TEAMS_WEBHOOK_URL");
        }
        TeamsWebhook webhook = new TeamsWebhook(target, properties, json);
        int sent = (int) entries.stream()
                .filter(e -> e.status() == OutboxEntry.Status.SENT)
                .count();
        for (OutboxEntry entry : entries) {
            if (entry.status() != OutboxEntry.Status.PENDING) {
                continue;
            }
            try {
                webhook.post(entry.payload());
                outbox.sent(execution, entry.part(), clock.instant());
                sent++;
                history.log(execution, "INFO", "Teams: card " + entry.part() + " of " + entry.parts() + " sent");
            } catch (UpstreamException e) {
                outbox.failed(execution, entry.part(), e.getMessage());
                history.log(
                        execution,
                        "WARN",
                        "Teams: card " + entry.part() + " of " + entry.parts() + " not sent, kept for a later retry: "
                                + e.getMessage());
                history.markPartial(execution, e.getMessage());
                return new Delivery(entries.size(), sent, e.getMessage(), List.of());
            }
        }
        if (sent > 0) {
            history.markDelivered(execution);
        }
        return new Delivery(entries.size(), sent, null, List.of());
    }

    /** By hand: sends what is pending, or, when everything went out, everything again. */
    public Delivery resend(UUID execution) {
        List<OutboxEntry> entries = outbox.of(execution);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("execution " + execution + " has no Teams notification to send");
        }
        if (entries.stream().noneMatch(e -> e.status() == OutboxEntry.Status.PENDING)) {
            // a deliberate repeat gets new idempotency keys, or the flow would drop it
            String suffix = "-r" + clock.millis();
            outbox.replace(
                    execution,
                    entries.stream()
                            .map(e -> new OutboxEntry(
                                    e.execution(),
                                    e.part(),
                                    e.parts(),
                                    e.payload().replace(e.idempotencyKey(), e.idempotencyKey() + suffix),
                                    e.idempotencyKey() + suffix,
                                    OutboxEntry.Status.PENDING,
                                    e.attempts(),
                                    null,
                                    e.createdAt(),
                                    null))
                            .toList());
        }
        return deliver(execution);
    }

    public List<OutboxEntry> outbox(UUID execution) {
        return outbox.of(execution);
    }

    /** The outbox's retry: pending cards of every execution (run by {@link OutboxRetry}). */
    public void retryPending() {
        if (properties.target() == null) {
            return;
        }
        for (UUID execution : outbox.executionsWithPending()) {
            try {
                Delivery delivery = deliver(execution);
                log.info(
                        "Teams outbox: execution {}: {} of {} card(s) sent",
                        execution,
                        delivery.sent(),
                        delivery.parts());
            } catch (RuntimeException e) {
                log.warn("Teams outbox: execution {} still pending: {}", execution, e.getMessage());
            }
        }
    }

    /**
     * A short message outside a report (an SLA escalation): a title, lines, the people mentioned
     * where the directory knows them (named otherwise), a link, as a reply in a thread when given.
     *
     * @throws UpstreamException when Teams did not take it
     */
    public void post(
            String title,
            List<String> lines,
            List<String> emails,
            @Nullable String link,
            @Nullable String threadRootId,
            String idempotencyKey) {
        requireWebhook();
        List<AdaptiveCard.Mention> mentions = new ArrayList<>();
        List<String> named = new ArrayList<>();
        DirectoryProperties directory = properties.mentions() ? directories.getIfAvailable() : null;
        if (directory != null && !emails.isEmpty()) {
            try (Directory ldap = new Directory(directory)) {
                for (String email : emails) {
                    Optional<DirectoryEntry> entry = ldap.byMail(email);
                    if (entry.isPresent() && entry.get().userPrincipalName() != null) {
                        String name = CardText.escape(entry.get().displayName());
                        mentions.add(AdaptiveCard.Mention.of(name, entry.get().userPrincipalName()));
                        named.add("<at>" + name + "</at>");
                    } else {
                        named.add(CardText.escape(email));
                    }
                }
            } catch (RuntimeException e) {
                named.clear();
                mentions.clear();
                emails.forEach(email -> named.add(CardText.escape(email)));
            }
        } else {
            emails.forEach(email -> named.add(CardText.escape(email)));
        }
        List<AdaptiveCard.Element> body = new ArrayList<>();
        body.add(AdaptiveCard.TextBlock.title(CardText.escape(title)));
        lines.forEach(line -> body.add(AdaptiveCard.TextBlock.of(CardText.escape(line))));
        if (!named.isEmpty()) {
            body.add(AdaptiveCard.TextBlock.of(String.join(", ", named)));
        }
        AdaptiveCard card = AdaptiveCard.of(
                properties.cardVersion(),
                body,
                link == null ? null : List.of(AdaptiveCard.Action.openUrl("Open in Preflight", link)),
                new AdaptiveCard.MsTeams("Full", mentions.isEmpty() ? null : mentions));
        new TeamsWebhook(java.util.Objects.requireNonNull(properties.target()), properties, json)
                .post(new TeamsPayload(json).write(card, threadRootId, idempotencyKey));
    }

    /** The UPN and name of everyone a row notifies; the directory is optional, mentions are not. */
    private Map<String, Recipient> recipients(
            UUID execution, ReleaseReport report, boolean mentions, List<String> cardNotes) {
        Map<String, Recipient> recipients = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        for (AssigneeRow row : report.byAssignee()) {
            if (row.displayName() != null) {
                names.put(row.assignee(), row.displayName());
            }
        }
        if (!mentions) {
            return recipients;
        }
        DirectoryProperties directory = directories.getIfAvailable();
        if (directory == null) {
            history.log(execution, "WARN", "Teams: no directory configured: people are named, not mentioned");
            return recipients;
        }
        try (Directory ldap = new Directory(directory)) {
            for (AssigneeRow row : report.byAssignee()) {
                for (String email : row.recipients()) {
                    if (!recipients.containsKey(email)) {
                        Optional<DirectoryEntry> entry = ldap.byMail(email);
                        recipients.put(
                                email,
                                new Recipient(
                                        email,
                                        entry.map(DirectoryEntry::displayName).orElse(names.getOrDefault(email, email)),
                                        entry.map(DirectoryEntry::userPrincipalName)
                                                .orElse(null)));
                    }
                }
            }
        } catch (RuntimeException e) {
            recipients.clear();
            cardNotes.add("people are named, not mentioned: the directory could not be read (" + e.getMessage() + ")");
            history.log(
                    execution,
                    "WARN",
                    "Teams: directory unavailable, cards sent without mentions (" + e.getMessage() + ")");
        }
        return recipients;
    }
}
