package dev.preflight.board;

import dev.preflight.cache.CacheType;
import dev.preflight.cache.Cached;
import dev.preflight.cache.SharedCache;
import dev.preflight.check.Verdict;
import dev.preflight.history.Execution;
import dev.preflight.history.ExecutionFilter;
import dev.preflight.history.ExecutionHistory;
import dev.preflight.history.ExecutionStatus;
import dev.preflight.jira.JiraVersion;
import dev.preflight.reference.ReferenceData;
import dev.preflight.report.CheckProperties;
import dev.preflight.report.CheckRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where each project's next release stands: its date, the verdict of its latest complete check,
 * and how many of its tickets are not done, read from Jira through the cache. The public view has
 * counts and verdicts only, and is itself served from the cache.
 */
@Service
public class ReleaseBoard {

    /** Who looks: a signed-in person sees who must act; anyone else counts and verdicts only. */
    public enum View {
        SIGNED_IN,
        PUBLIC
    }

    /**
     * One project's next release.
     *
     * @param notices what was served from cache or could not be read, in words
     * @param mustAct people with blocking findings (signed-in view only)
     */
    public record Row(
            String project,
            @Nullable String release,
            @Nullable LocalDate releaseDate,
            @Nullable Long daysLeft,
            @Nullable LatestCheck latest,
            @Nullable Integer ticketsNotDone,
            List<String> notices,
            List<String> mustAct,
            @Nullable String error) {}

    /**
     * The latest check that produced a report (success or partial) of the release.
     *
     * @param execution its id, for a signed-in reader's link (not in the public view)
     */
    public record LatestCheck(@Nullable UUID execution, Verdict verdict, Instant at, ExecutionStatus status) {}

    private final ReferenceData reference;
    private final ExecutionHistory history;
    private final SharedCache cache;
    private final BoardProperties properties;
    private final List<String> projects;
    private final JsonMapper json;
    private final ZoneId zone;
    private final Clock clock;

    ReleaseBoard(
            ReferenceData reference,
            ExecutionHistory history,
            SharedCache cache,
            BoardProperties properties,
            CheckProperties check,
            JsonMapper json,
            @Value("${preflight.zone:Europe/Paris}") String zone,
            Optional<Clock> clock) {
        this.reference = reference;
        this.history = history;
        this.cache = cache;
        this.properties = properties;
        this.projects = projects(properties, check);
        this.json = json;
        this.zone = ZoneId.of(zone);
        this.clock = clock.orElse(Clock.systemUTC());
    }

    public BoardProperties properties() {
        return properties;
    }

    /** The configured projects, in order. */
    public List<String> projects() {
        return projects;
    }

    private static List<String> projects(BoardProperties properties, CheckProperties check) {
        Set<String> projects = new LinkedHashSet<>();
        properties.projects().stream()
                .map(String::strip)
                .filter(p -> !p.isEmpty())
                .forEach(projects::add);
        if (projects.isEmpty() && check.project() != null) {
            projects.add(check.project());
        }
        projects.forEach(CheckRequest::requireProject); // a bad key fails at start, not on a page
        return List.copyOf(projects);
    }

    /** Every configured project's row; the public view is built once per the board type's lifetime. */
    public Cached<List<Row>> rows(View view) {
        if (view == View.PUBLIC) {
            return cache.get(CacheType.BOARD, "public", () -> build(View.PUBLIC));
        }
        return new Cached<>(build(View.SIGNED_IN), CacheType.BOARD, clock.instant(), Cached.Origin.UPSTREAM, null);
    }

    /** A project's public row as JSON, with its ETag: what anonymous clients are sent, made once per lifetime. */
    public record PublicAnswer(byte[] json, String etag) {}

    /** The public row of a board project as the API sends it, or empty when the project is not on the board. */
    public Optional<PublicAnswer> publicAnswer(String project) {
        if (!projects().contains(project)) {
            return Optional.empty();
        }
        return Optional.of(cache.get(CacheType.BOARD, "json " + project, () -> {
                    byte[] json = this.json.writeValueAsBytes(next(project, View.PUBLIC));
                    return new PublicAnswer(
                            json, "\"0" + org.springframework.util.DigestUtils.md5DigestAsHex(json) + "\"");
                })
                .value());
    }

    /** One configured project's row. */
    public Row next(String project, View view) {
        String key = CheckRequest.requireProject(project);
        if (!projects().contains(key)) {
            throw new java.util.NoSuchElementException(
                    "project " + key + " is not on the board (PREFLIGHT_BOARD_PROJECTS)");
        }
        return rows(view).value().stream()
                .filter(row -> row.project().equals(key))
                .findFirst()
                .orElseThrow();
    }

    private List<Row> build(View view) {
        return projects().stream().map(project -> row(project, view)).toList();
    }

    private Row row(String project, View view) {
        List<String> notices = new ArrayList<>();
        JiraVersion next;
        try {
            Cached<List<JiraVersion>> versions = reference.unreleasedVersions(project);
            notice(versions, "Jira versions", notices, view);
            if (versions.value().isEmpty()) {
                return new Row(
                        project, null, null, null, null, null, notices, List.of(), "no unreleased version in Jira");
            }
            next = versions.value().getFirst();
        } catch (RuntimeException e) {
            // a visitor is told what, not the upstream's own words (hosts, endpoints)
            return new Row(
                    project,
                    null,
                    null,
                    null,
                    null,
                    null,
                    notices,
                    List.of(),
                    view == View.PUBLIC ? "Jira unreachable" : "Jira: " + e.getMessage());
        }
        Integer notDone = null;
        try {
            Cached<Integer> count = reference.ticketsNotDone(project, next.name());
            notice(count, "ticket count", notices, view);
            notDone = count.value();
        } catch (RuntimeException e) {
            notices.add(
                    view == View.PUBLIC ? "tickets not done unknown" : "tickets not done unknown: " + e.getMessage());
        }
        Execution latest;
        try {
            latest = latestComplete(project, next.name());
        } catch (RuntimeException e) {
            latest = null;
            notices.add(view == View.PUBLIC ? "history unavailable" : "history unavailable: " + e.getMessage());
        }
        Long daysLeft = next.releaseDate() == null
                ? null
                : ChronoUnit.DAYS.between(LocalDate.now(clock.withZone(zone)), next.releaseDate());
        return new Row(
                project,
                next.name(),
                next.releaseDate(),
                daysLeft,
                latest == null || latest.verdict() == null || latest.endedAt() == null
                        ? null
                        : new LatestCheck(
                                view == View.PUBLIC ? null : latest.id(),
                                latest.verdict(),
                                latest.endedAt(),
                                latest.status()),
                notDone,
                notices,
                view == View.SIGNED_IN && latest != null ? mustAct(latest) : List.of(),
                null);
    }

    private @Nullable Execution latestComplete(String project, String release) {
        return java.util.stream.Stream.of(ExecutionStatus.SUCCESS, ExecutionStatus.PARTIAL)
                .flatMap(status -> history.list(new ExecutionFilter(project, release, status, 0, 1)).stream())
                .max(Comparator.comparing(Execution::startedAt))
                .orElse(null);
    }

    private void notice(Cached<?> read, String what, List<String> notices, View view) {
        if (read.origin() == Cached.Origin.STALE) {
            notices.add(
                    view == View.PUBLIC
                            ? what + " from cache, " + Cached.ago(read.age(clock.instant()))
                                    + " old: the source is unreachable"
                            : what + " " + read.notice(clock.instant()));
        }
    }

    /** The people with blocking findings, by the names the report gives them. */
    private List<String> mustAct(Execution execution) {
        if (execution.report() == null) {
            return List.of();
        }
        JsonNode report = json.readTree(execution.report());
        Set<String> assignees = new LinkedHashSet<>();
        for (JsonNode finding : report.path("findings")) {
            if (finding.path("severity").asString("").equals("blocking")
                    && finding.path("assignee").isString()) {
                assignees.add(finding.path("assignee").stringValue());
            }
        }
        List<String> names = new ArrayList<>();
        for (JsonNode row : report.path("byAssignee")) {
            if (assignees.contains(row.path("assignee").asString(""))) {
                names.add(row.path("displayName").asString(row.path("assignee").asString("")));
            }
        }
        return names;
    }
}
