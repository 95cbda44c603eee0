package dev.preflight.sla;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * At 75 % of a target and at its breach, a message in the release's Teams thread mentions whom the
 * problem names (substitutes when the assignee is away) and the escalation contacts. Each
 * threshold is claimed by inserting its row, so it fires once across nodes and restarts; a claim
 * whose node died before sending is taken over after {@link #TAKE_OVER}.
 */
public final class Escalations {

    private static final Logger log = LoggerFactory.getLogger(Escalations.class);

    static final Duration TAKE_OVER = Duration.ofMinutes(5);
    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("EEE d MMM HH:mm xxx", Locale.ENGLISH);

    enum Threshold {
        WARNING("75"),
        BREACH("breach");

        final String key;

        Threshold(String key) {
            this.key = key;
        }
    }

    /** Where escalations go: Teams in production. */
    @FunctionalInterface
    public interface Messenger {
        /** @throws RuntimeException when it could not be delivered (retried at a later pass) */
        void post(
                String title,
                List<String> lines,
                List<String> emails,
                @Nullable String link,
                @Nullable String thread,
                String key);
    }

    /** No webhook configured: there is nowhere to send, and that is said once per threshold. */
    public static final class NowhereToSend extends RuntimeException {
        public NowhereToSend(String message) {
            super(message);
        }
    }

    /**
     * A threshold passed and was claimed, once across the nodes, before Teams is told (and whatever
     * Teams answers): for the other ways of telling the people concerned (push messages).
     *
     * @param people whom it concerns: the problem's recipients and the escalation contacts
     */
    public record Escalated(UUID problem, String title, String body, List<String> people, boolean breached) {}

    private final JdbcClient jdbc;
    private final Problems problems;
    private final Calendars calendars;
    private final Messenger messenger;
    private final java.util.function.Consumer<Escalated> announce;
    private final String node;
    private final String publicUrl;
    private final Clock clock;

    public Escalations(
            JdbcClient jdbc,
            Problems problems,
            Calendars calendars,
            Messenger messenger,
            java.util.function.Consumer<Escalated> announce,
            String node,
            String publicUrl,
            Clock clock) {
        this.jdbc = jdbc;
        this.problems = problems;
        this.calendars = calendars;
        this.messenger = messenger;
        this.announce = announce;
        this.node = node;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.clock = clock;
    }

    /** One pass over the open problems; returns the messages sent. */
    public int escalate() {
        int sent = 0;
        for (Problems.Tracked tracked : problems.allOpen()) {
            try {
                sent += escalate(tracked);
            } catch (RuntimeException e) {
                // one problem that cannot be computed must not silence the others
                log.warn(
                        "escalation of problem {} skipped: {}",
                        tracked.problem().id(),
                        e.getMessage());
            }
        }
        return sent + takeOver(clock.instant());
    }

    private int escalate(Problems.Tracked tracked) {
        int sent = 0;
        for (SlaClock clock : List.of(tracked.acknowledge(), tracked.workaround())) {
            Threshold passed = switch (clock.state()) {
                case BREACHED -> Threshold.BREACH;
                case WARNING -> Threshold.WARNING;
                default -> null;
            };
            if (passed == null) {
                continue;
            }
            if (passed == Threshold.BREACH) {
                // a 75 % message after the breach would say nothing new: its turn is taken, silently
                claim(tracked.problem(), clock.target(), Threshold.WARNING, true);
            }
            // stamped as it is made: a slow send before it must not make it look abandoned
            if (claim(tracked.problem(), clock.target(), passed, false)) {
                sent += send(tracked, clock, passed, true) ? 1 : 0;
            }
        }
        return sent;
    }

    private boolean claim(Problem problem, SlaClock.Target target, Threshold threshold, boolean silent) {
        Instant now = clock.instant();
        try {
            jdbc.sql("INSERT INTO problem_escalation (problem_id, cycle, target, threshold, at, node, sent_at)"
                            + " VALUES (:problem, :cycle, :target, :threshold, :at, :node, :sent)")
                    .param("problem", problem.id())
                    .param("cycle", problem.cycle())
                    .param("target", target.key())
                    .param("threshold", threshold.key)
                    .param("at", Timestamp.from(now))
                    .param("node", node)
                    .param("sent", silent ? Timestamp.from(now) : null)
                    .update();
            return true;
        } catch (org.springframework.dao.DuplicateKeyException taken) {
            return false; // another node, or this one before a restart
        }
    }

    /** Claims whose node stopped before it could send: one node takes each over and sends it. */
    private int takeOver(Instant now) {
        record Unsent(UUID problem, int cycle, String target, String threshold) {}
        List<Unsent> unsent = jdbc.sql("SELECT problem_id, cycle, target, threshold FROM problem_escalation"
                        + " WHERE sent_at IS NULL AND at < :stale")
                .param("stale", Timestamp.from(now.minus(TAKE_OVER)))
                .query((rs, n) ->
                        new Unsent(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3), rs.getString(4)))
                .list();
        int sent = 0;
        for (Unsent u : unsent) {
            int mine = jdbc.sql("UPDATE problem_escalation SET at = :now, node = :node WHERE problem_id = :problem"
                            + " AND cycle = :cycle AND target = :target AND threshold = :threshold AND sent_at IS NULL"
                            + " AND at < :stale")
                    .param("now", Timestamp.from(now))
                    .param("node", node)
                    .param("problem", u.problem())
                    .param("cycle", u.cycle())
                    .param("target", u.target())
                    .param("threshold", u.threshold())
                    .param("stale", Timestamp.from(now.minus(TAKE_OVER)))
                    .update();
            if (mine == 0) {
                continue;
            }
            Problem problem = problems.get(u.problem());
            if (!problem.open() || problem.cycle() != u.cycle()) {
                markSent(problem.id(), u.cycle(), u.target(), u.threshold(), now);
                continue; // resolved meanwhile: nothing to say
            }
            Problems.Tracked tracked = problems.tracked(problem, now);
            SlaClock clock =
                    u.target().equals(SlaClock.Target.ACKNOWLEDGE.key()) ? tracked.acknowledge() : tracked.workaround();
            Threshold threshold = Arrays.stream(Threshold.values())
                    .filter(t -> t.key.equals(u.threshold()))
                    .findFirst()
                    .orElse(Threshold.BREACH);
            boolean stillDue = threshold == Threshold.BREACH
                    ? clock.state() == SlaClock.State.BREACHED
                    : clock.state() == SlaClock.State.WARNING;
            if (!stillDue) {
                markSent(problem.id(), u.cycle(), u.target(), u.threshold(), now);
                continue; // met, or past the 75 % by now: the message would mislead
            }
            sent += send(tracked, clock, threshold, false) ? 1 : 0;
        }
        return sent;
    }

    /**
     * Posts the threshold's message to Teams. {@code claimedNow}: the claim was just made, so the
     * other ways of telling (push) hear of it now, once, whatever Teams answers; a take-over only
     * retries Teams.
     */
    private boolean send(Problems.Tracked tracked, SlaClock clock, Threshold threshold, boolean claimedNow) {
        Problem p = tracked.problem();
        String what = p.subject().equals(Problem.RELEASE) ? p.category() : p.subject() + " (" + p.category() + ")";
        String doing = clock.target() == SlaClock.Target.ACKNOWLEDGE ? "Take into account" : "Workaround";
        String title = (threshold == Threshold.BREACH ? "SLA breached: " : "SLA at 75 %: ") + what + " in "
                + p.project() + " " + p.release();
        List<String> lines = new ArrayList<>();
        lines.add(doing + " within " + hours(clock.allowed()) + " business hours ("
                + p.slaClass().key() + "): due " + (clock.due() == null ? "?" : DUE.format(clock.due())));
        if (p.summary() != null) {
            lines.add(p.summary());
        }
        lines.add(
                p.acknowledgedBy() == null
                        ? "Nobody has taken it into account yet."
                        : "Taken into account by " + p.acknowledgedBy() + ".");
        List<String> emails = new ArrayList<>(problems.recipients(p.id()));
        calendars.escalationContacts().stream().filter(e -> !emails.contains(e)).forEach(emails::add);
        String link = publicUrl.isEmpty() ? null : publicUrl + "/problems/" + p.id();
        String key = p.id() + "-" + p.cycle() + "-" + clock.target().key() + "-" + threshold.key;
        Instant now = this.clock.instant();
        if (claimedNow) {
            tell(new Escalated(p.id(), title, String.join("\n", lines), emails, threshold == Threshold.BREACH));
        }
        try {
            messenger.post(title, lines, emails, link, problems.thread(p.id()), key);
        } catch (NowhereToSend nowhere) {
            markSent(p.id(), p.cycle(), clock.target().key(), threshold.key, now);
            problems.event(
                    p.id(),
                    now,
                    Problems.EventKind.ESCALATED,
                    null,
                    null,
                    title + " (not sent: " + nowhere.getMessage() + ")");
            return false;
        } catch (RuntimeException e) {
            log.warn("escalation of problem {} not sent, retried in {}: {}", p.id(), TAKE_OVER, e.getMessage());
            return false;
        }
        // sent: what follows must not make it look unsent (and sent again)
        try {
            markSent(p.id(), p.cycle(), clock.target().key(), threshold.key, now);
            problems.event(p.id(), now, Problems.EventKind.ESCALATED, null, null, title);
        } catch (RuntimeException e) {
            log.warn("escalation of problem {} sent but not recorded: {}", p.id(), e.getMessage());
        }
        return true;
    }

    private void tell(Escalated escalated) {
        try {
            announce.accept(escalated);
        } catch (RuntimeException e) {
            log.warn("escalation of problem {} not announced: {}", escalated.problem(), e.getMessage());
        }
    }

    private void markSent(UUID problem, int cycle, String target, String threshold, Instant at) {
        jdbc.sql("UPDATE problem_escalation SET sent_at = :at WHERE problem_id = :problem AND cycle = :cycle"
                        + " AND target = :target AND threshold = :threshold")
                .param("at", Timestamp.from(at))
                .param("problem", problem)
                .param("cycle", cycle)
                .param("target", target)
                .param("threshold", threshold)
                .update();
    }

    private static String hours(@Nullable Duration allowed) {
        return allowed == null ? "?" : Long.toString(allowed.toHours());
    }
}
