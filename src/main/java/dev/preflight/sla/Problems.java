package dev.preflight.sla;

import dev.preflight.check.Finding;
import dev.preflight.check.ReleaseCheck;
import dev.preflight.check.ReleaseReport;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Findings as problems with a memory: opened by the first report that shows them, resolved by a
 * later complete report that no longer does, reopened (a new cycle, its clocks from zero) when they
 * come back. A report that could not see a category (its step skipped, its source failed, its
 * check absent) resolves nothing in it.
 */
@Service
public class Problems {

    /** What happened to a problem, in its history. */
    public enum EventKind {
        OPENED,
        RESOLVED,
        REOPENED,
        ACKNOWLEDGED,
        WORKAROUND,
        ESCALATED
    }

    /** One line of a problem's history. */
    public record Event(
            Instant at,
            EventKind kind,
            @Nullable String actor,
            @Nullable UUID execution,
            @Nullable String detail) {}

    /** A problem with its two clocks, as pages and the API show it. */
    public record Tracked(Problem problem, SlaClock acknowledge, SlaClock workaround) {}

    private static final int TEXT = 500;

    private final JdbcClient jdbc;
    private final Calendars calendars;
    private final Clock clock;

    Problems(JdbcClient jdbc, Calendars calendars, Optional<Clock> clock) {
        this.jdbc = jdbc;
        this.calendars = calendars;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** Brings the release's problems in line with a stored report. */
    public void track(UUID execution, ReleaseReport report) {
        track(execution, report, null);
    }

    /**
     * The same, remembering whom each problem's escalation mentions (the report's recipients for its
     * assignee: substitutes when absent) and the Teams thread the check posted in.
     */
    @Transactional
    public void track(UUID execution, ReleaseReport report, @Nullable String thread) {
        Map<String, List<String>> recipients = new java.util.HashMap<>();
        report.byAssignee().forEach(row -> recipients.put(row.assignee(), row.recipients()));
        Instant at = report.generatedAt();
        Map<String, Finding> seen = new LinkedHashMap<>();
        for (Finding finding : report.findings()) {
            seen.merge(
                    key(finding.category().key(), subject(finding)),
                    finding,
                    (a, b) -> a.severity().ordinal() <= b.severity().ordinal() ? a : b);
        }
        Map<String, Problem> known = new LinkedHashMap<>();
        query(
                        "WHERE project = :project AND release_name = :release",
                        Map.of("project", report.project(), "release", report.release()))
                .forEach(p -> known.put(key(p.category(), p.subject()), p));
        Set<String> blind = blindCategories(report, known.values());
        for (Map.Entry<String, Finding> entry : seen.entrySet()) {
            Finding f = entry.getValue();
            Problem problem = known.get(entry.getKey());
            SlaClass sla = calendars.classOf(f.category().key(), f.severity());
            if (problem == null) {
                UUID id = UUID.randomUUID();
                jdbc.sql("""
                        INSERT INTO problem (id, project, release_name, category, subject, summary, detail, severity,
                          sla_class, assignee, recipients, thread, cycle, first_opened_at, opened_at, opened_by,
                          last_seen_by)
                        VALUES (:id, :project, :release, :category, :subject, :summary, :detail, :severity,
                          :sla, :assignee, :recipients, :thread, 1, :at, :at, :execution, :execution)""")
                        .param("recipients", recipients(f, recipients))
                        .param("thread", cut(thread, 200))
                        .param("id", id)
                        .param("project", report.project())
                        .param("release", report.release())
                        .param("category", f.category().key())
                        .param("subject", subject(f))
                        .param("summary", cut(f.summary(), TEXT))
                        .param("detail", cut(f.detail(), 1000))
                        .param("severity", f.severity().key())
                        .param("sla", sla.key())
                        .param("assignee", cut(f.assignee(), 256))
                        .param("at", Timestamp.from(at))
                        .param("execution", execution)
                        .update();
                event(id, at, EventKind.OPENED, null, execution, null);
            } else {
                boolean reopening = !problem.open();
                jdbc.sql(
                                "UPDATE problem SET summary = :summary, detail = :detail, severity = :severity, sla_class = :sla,"
                                        + " assignee = :assignee, recipients = :recipients,"
                                        + " thread = COALESCE(:thread, thread), last_seen_by = :execution"
                                        + (reopening
                                                ? ", cycle = cycle + 1, opened_at = :at, opened_by = :execution, resolved_at = NULL,"
                                                        + " resolved_by = NULL, acknowledged_at = NULL, acknowledged_by = NULL,"
                                                        + " acknowledgement = NULL, workaround_at = NULL, workaround_by = NULL,"
                                                        + " workaround = NULL"
                                                : "")
                                        + " WHERE id = :id")
                        .param("summary", cut(f.summary(), TEXT))
                        .param("detail", cut(f.detail(), 1000))
                        .param("severity", f.severity().key())
                        .param("sla", sla.key())
                        .param("assignee", cut(f.assignee(), 256))
                        .param("execution", execution)
                        .param("at", Timestamp.from(at))
                        .param("id", problem.id())
                        .param("recipients", recipients(f, recipients))
                        .param("thread", cut(thread, 200))
                        .update();
                if (reopening) {
                    event(problem.id(), at, EventKind.REOPENED, null, execution, "cycle " + (problem.cycle() + 1));
                }
            }
        }
        for (Map.Entry<String, Problem> entry : known.entrySet()) {
            Problem problem = entry.getValue();
            if (problem.open() && !seen.containsKey(entry.getKey()) && !blind.contains(problem.category())) {
                jdbc.sql("UPDATE problem SET resolved_at = :at, resolved_by = :execution WHERE id = :id")
                        .param("at", Timestamp.from(at))
                        .param("execution", execution)
                        .param("id", problem.id())
                        .update();
                event(problem.id(), at, EventKind.RESOLVED, null, execution, null);
            }
        }
    }

    /** Categories this report could not see into: their problems stay as they were. */
    private static Set<String> blindCategories(ReleaseReport report, java.util.Collection<Problem> known) {
        Set<String> blind = new HashSet<>();
        Set<String> checked = new HashSet<>();
        report.summary().keySet().forEach(category -> checked.add(category.key()));
        known.stream()
                .map(Problem::category)
                .filter(category -> !checked.contains(category))
                .forEach(blind::add); // a custom check removed or not run: nothing is known of it
        if (report.notes().contains(ReleaseCheck.OUTDATED_SKIPPED)) {
            blind.add(dev.preflight.check.Category.OUTDATED_PACKAGE.key());
        }
        for (Finding f : report.findings()) {
            // its source failed, or its expression did: its other findings are unknown, not gone
            if (f.ticket() == null
                    && (f.detail().startsWith("source ") || f.detail().startsWith("check "))
                    && f.detail().contains(" failed: ")) {
                blind.add(f.category().key());
            }
        }
        return blind;
    }

    /** Who acts on a problem: a person it names, or anyone who may change things (readwrite). */
    public record Actor(String name, boolean readwrite) {}

    /** Someone takes a problem into account. */
    public Problem acknowledge(UUID id, String actor, @Nullable String comment) {
        return acknowledge(id, new Actor(actor, true), comment);
    }

    @Transactional
    public Problem acknowledge(UUID id, Actor actor, @Nullable String comment) {
        return act(id, actor, comment, Act.ACKNOWLEDGE);
    }

    /** Someone says a workaround is in place. */
    public Problem workaround(UUID id, String actor, @Nullable String comment) {
        return workaround(id, new Actor(actor, true), comment);
    }

    @Transactional
    public Problem workaround(UUID id, Actor actor, @Nullable String comment) {
        return act(id, actor, comment, Act.WORKAROUND);
    }

    /** The two things people do with a problem: each its columns, its event and its words. */
    private enum Act {
        ACKNOWLEDGE(
                "acknowledged_at",
                "acknowledged_by",
                "acknowledgement",
                EventKind.ACKNOWLEDGED,
                "already taken into account by "),
        WORKAROUND(
                "workaround_at",
                "workaround_by",
                "workaround",
                EventKind.WORKAROUND,
                "a workaround is already in place, said by ");

        final String at;
        final String by;
        final String note;
        final EventKind event;
        final String alreadyDone;

        Act(String at, String by, String note, EventKind event, String alreadyDone) {
            this.at = at;
            this.by = by;
            this.note = note;
            this.event = event;
            this.alreadyDone = alreadyDone;
        }
    }

    private Problem act(UUID id, Actor actor, @Nullable String comment, Act act) {
        Problem problem = openProblem(id);
        mayAct(problem, actor);
        String doneBy = act == Act.ACKNOWLEDGE ? problem.acknowledgedBy() : problem.workaroundBy();
        if ((act == Act.ACKNOWLEDGE ? problem.acknowledgedAt() : problem.workaroundAt()) != null) {
            throw new IllegalStateException(act.alreadyDone + doneBy);
        }
        Instant now = clock.instant();
        // the column names are the enum's constants, never input
        int done = jdbc.sql("UPDATE problem SET " + act.at + " = :at, " + act.by + " = :actor, " + act.note
                        + " = :comment WHERE id = :id AND " + act.at + " IS NULL AND resolved_at IS NULL")
                .param("at", Timestamp.from(now))
                .param("actor", cut(actor.name(), 128))
                .param("comment", comment(comment))
                .param("id", id)
                .update();
        if (done == 0) { // someone else a moment before, or a check resolved it meanwhile
            throw new IllegalStateException("done or resolved a moment ago: reload");
        }
        event(id, now, act.event, actor.name(), null, comment(comment));
        return get(id);
    }

    /** A reader acts only on a problem that names them (assignee, whom it notifies, or an escalation contact). */
    private void mayAct(Problem problem, Actor actor) {
        if (actor.readwrite()) {
            return;
        }
        java.util.Set<String> named = new java.util.HashSet<>();
        if (problem.assignee() != null) {
            named.add(problem.assignee().toLowerCase(java.util.Locale.ROOT));
        }
        recipients(problem.id()).forEach(email -> named.add(email.strip().toLowerCase(java.util.Locale.ROOT)));
        calendars.escalationContacts().forEach(email -> named.add(email.toLowerCase(java.util.Locale.ROOT)));
        if (!named.contains(actor.name().toLowerCase(java.util.Locale.ROOT))) {
            throw new org.springframework.security.access.AccessDeniedException(
                    "only the people this problem names, or readwrite, may act on it");
        }
    }

    /** Whom the problem's escalation mentions, as its latest report said (the assignee, or substitutes). */
    public List<String> recipients(UUID problem) {
        String joined = jdbc.sql("SELECT recipients FROM problem WHERE id = :id")
                .param("id", problem)
                .query(String.class)
                .optional()
                .orElse(null);
        return joined == null || joined.isBlank() ? List.of() : List.of(joined.split(","));
    }

    /** The Teams thread the release's latest check posted in, if any. */
    public @Nullable String thread(UUID problem) {
        return jdbc.sql("SELECT thread FROM problem WHERE id = :id")
                .param("id", problem)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private Problem openProblem(UUID id) {
        Problem problem = get(id);
        if (!problem.open()) {
            throw new IllegalStateException("problem " + id + " is resolved");
        }
        return problem;
    }

    public Problem get(UUID id) {
        return query("WHERE id = :id", Map.of("id", id)).stream()
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no problem " + id));
    }

    /** A release's problems, open ones first (oldest first), then resolved ones. */
    public List<Tracked> of(String project, String release, boolean withResolved) {
        Instant now = clock.instant();
        return query(
                        "WHERE project = :project AND release_name = :release"
                                + (withResolved ? "" : " AND resolved_at IS NULL")
                                + " ORDER BY CASE WHEN resolved_at IS NULL THEN 0 ELSE 1 END, opened_at, category, subject",
                        Map.of("project", project, "release", release))
                .stream()
                .map(p -> tracked(p, now))
                .toList();
    }

    /** The report the parameters ask for (a release's, else a month's, this month by default), checked first. */
    public SlaReport report(@Nullable String project, @Nullable String release, @Nullable String month) {
        String key =
                project == null || project.isBlank() ? null : dev.preflight.report.CheckRequest.requireProject(project);
        if (release != null && !release.isBlank()) {
            if (key == null) {
                throw new IllegalArgumentException("project: required with release");
            }
            if (release.length() > 128) {
                throw new IllegalArgumentException("release: at most 128 characters");
            }
            return report(key, release);
        }
        java.time.YearMonth chosen;
        try {
            chosen = month == null || month.isBlank()
                    ? java.time.YearMonth.now(
                            clock.withZone(calendars.standard().zone()))
                    : java.time.YearMonth.parse(month.strip());
            if (chosen.getYear() < 2000 || chosen.getYear() > 2999) {
                throw new java.time.DateTimeException("out of range");
            }
        } catch (java.time.DateTimeException e) {
            String shown = month == null ? "" : month.length() > 20 ? month.substring(0, 20) + "…" : month;
            throw new IllegalArgumentException("month: '" + shown + "' is not a month like 2026-12");
        }
        return report(chosen, key);
    }

    /** The service-level report of a release. */
    public SlaReport report(String project, String release) {
        return SlaReport.of(project + " " + release, of(project, release, true));
    }

    /** The service-level report of the problems whose cycle opened in a month (in the default calendar's zone). */
    public SlaReport report(java.time.YearMonth month, @Nullable String project) {
        var zone = calendars.standard().zone();
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        Instant now = clock.instant();
        List<Tracked> tracked = query(
                        "WHERE opened_at >= :from AND opened_at < :to"
                                + (project == null ? "" : " AND project = :project")
                                + " ORDER BY opened_at",
                        project == null
                                ? Map.of("from", Timestamp.from(from), "to", Timestamp.from(to))
                                : Map.of("from", Timestamp.from(from), "to", Timestamp.from(to), "project", project))
                .stream()
                .map(p -> tracked(p, now))
                .toList();
        return SlaReport.of(SlaReport.monthScope(month) + (project == null ? "" : " " + project), tracked);
    }

    /** Every open problem, for escalation. */
    public List<Tracked> allOpen() {
        Instant now = clock.instant();
        return query("WHERE resolved_at IS NULL ORDER BY opened_at", Map.of()).stream()
                .map(p -> tracked(p, now))
                .toList();
    }

    public Tracked tracked(Problem problem, Instant now) {
        BusinessCalendar calendar = calendars.forProject(problem.project());
        Calendars.Targets targets = calendars.targets(problem.slaClass(), calendar);
        return new Tracked(
                problem,
                clock(
                        SlaClock.Target.ACKNOWLEDGE,
                        targets.acknowledge(),
                        problem,
                        problem.acknowledgedAt(),
                        now,
                        calendar),
                clock(
                        SlaClock.Target.WORKAROUND,
                        targets.workaround(),
                        problem,
                        problem.workaroundAt(),
                        now,
                        calendar));
    }

    /** A target is met by its own action or by the problem going away, whichever came first. */
    static SlaClock clock(
            SlaClock.Target target,
            Optional<Duration> allowed,
            Problem problem,
            @Nullable Instant done,
            Instant now,
            BusinessCalendar calendar) {
        Instant met = done;
        if (problem.resolvedAt() != null && (met == null || problem.resolvedAt().isBefore(met))) {
            met = problem.resolvedAt();
        }
        Instant stop = met != null ? met : now;
        Duration elapsed = calendar.between(problem.openedAt(), stop);
        if (allowed.isEmpty()) {
            return new SlaClock(target, null, null, elapsed, null, SlaClock.State.NONE);
        }
        var due = calendar.deadline(problem.openedAt(), allowed.get());
        Duration remaining = allowed.get().minus(elapsed);
        SlaClock.State state;
        if (met != null) {
            state = met.isAfter(due.toInstant()) ? SlaClock.State.MET_LATE : SlaClock.State.MET_IN_TIME;
        } else if (!now.isBefore(due.toInstant())) {
            state = SlaClock.State.BREACHED;
        } else if (elapsed.multipliedBy(4).compareTo(allowed.get().multipliedBy(3)) >= 0) {
            state = SlaClock.State.WARNING;
        } else {
            state = SlaClock.State.RUNNING;
        }
        return new SlaClock(target, allowed.get(), due.toOffsetDateTime(), elapsed, remaining, state);
    }

    public List<Event> history(UUID id) {
        return jdbc.sql(
                        "SELECT at, kind, actor, execution, detail FROM problem_event WHERE problem_id = :id ORDER BY id")
                .param("id", id)
                .query((rs, n) -> new Event(
                        rs.getTimestamp(1).toInstant(),
                        EventKind.valueOf(rs.getString(2)),
                        rs.getString(3),
                        rs.getObject(4, UUID.class),
                        rs.getString(5)))
                .list();
    }

    void event(
            UUID problem,
            Instant at,
            EventKind kind,
            @Nullable String actor,
            @Nullable UUID execution,
            @Nullable String detail) {
        jdbc.sql("INSERT INTO problem_event (problem_id, at, kind, actor, execution, detail)"
                        + " VALUES (:problem, :at, :kind, :actor, :execution, :detail)")
                .param("problem", problem)
                .param("at", Timestamp.from(at))
                .param("kind", kind.name())
                .param("actor", cut(actor, 128))
                .param("execution", execution)
                .param("detail", cut(detail, TEXT))
                .update();
    }

    private List<Problem> query(String where, Map<String, ?> params) {
        return jdbc.sql("SELECT * FROM problem " + where)
                .params(params)
                .query(Problems::row)
                .list();
    }

    private static Problem row(ResultSet rs, int n) throws SQLException {
        return new Problem(
                rs.getObject("id", UUID.class),
                rs.getString("project"),
                rs.getString("release_name"),
                rs.getString("category"),
                rs.getString("subject"),
                rs.getString("summary"),
                rs.getString("detail"),
                rs.getString("severity"),
                SlaClass.fromKey(rs.getString("sla_class")),
                rs.getString("assignee"),
                rs.getInt("cycle"),
                instant(rs, "first_opened_at"),
                instant(rs, "opened_at"),
                instant(rs, "resolved_at"),
                instant(rs, "acknowledged_at"),
                rs.getString("acknowledged_by"),
                rs.getString("acknowledgement"),
                instant(rs, "workaround_at"),
                rs.getString("workaround_by"),
                rs.getString("workaround"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    /** Whom an escalation of this finding mentions: the report's recipients for its assignee, and its own. */
    private static @Nullable String recipients(Finding finding, Map<String, List<String>> byAssignee) {
        java.util.LinkedHashSet<String> emails = new java.util.LinkedHashSet<>(finding.recipients());
        if (finding.assignee() != null) {
            emails.addAll(byAssignee.getOrDefault(finding.assignee(), List.of()));
        }
        return emails.isEmpty() ? null : cut(String.join(",", emails), 1000);
    }

    private static String subject(Finding finding) {
        return finding.ticket() != null
                ? java.util.Objects.requireNonNull(cut(finding.ticket(), 128))
                : Problem.RELEASE;
    }

    private static String key(String category, String subject) {
        return category + "\u0000" + subject;
    }

    private static @Nullable String comment(@Nullable String comment) {
        if (comment == null || comment.isBlank()) {
            return null;
        }
        if (comment.length() > TEXT) {
            throw new IllegalArgumentException("comment: at most " + TEXT + " characters, not " + comment.length());
        }
        return comment.strip();
    }

    private static @Nullable String cut(@Nullable String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
