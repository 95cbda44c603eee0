package dev.preflight.web.api;

import dev.preflight.history.Execution;
import dev.preflight.history.ExecutionExport;
import dev.preflight.history.ExecutionFilter;
import dev.preflight.history.ExecutionHistory;
import dev.preflight.history.ExecutionStatus;
import dev.preflight.history.Trigger;
import dev.preflight.report.CheckRequest;
import dev.preflight.report.ReportJson;
import dev.preflight.run.CheckOrder;
import dev.preflight.run.CheckRuns;
import dev.preflight.security.Audit;
import dev.preflight.security.Member;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON API for scripts and mobile clients. Errors are RFC 9457 problem details. */
@RestController
@RequestMapping(path = "/api/v1/executions", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Executions", description = "Run release checks and read their history")
class ExecutionsApi {

    private static final long TOTAL_CAP = 10_000;

    private final ExecutionHistory history;
    private final ExecutionExport export;
    private final CheckRuns runs;
    private final LogStreams logs;
    private final ExecutionNotifier notifier;
    private final JsonMapper json;

    ExecutionsApi(
            ExecutionHistory history,
            ExecutionExport export,
            CheckRuns runs,
            LogStreams logs,
            ExecutionNotifier notifier,
            JsonMapper json) {
        this.history = history;
        this.export = export;
        this.runs = runs;
        this.logs = logs;
        this.notifier = notifier;
        this.json = json;
    }

    /** What to check: project, optional release (default: the next one), steps to skip, Teams. */
    record StartCheck(
            String project,
            @Nullable String release,
            @Nullable List<String> skip,

            @com.fasterxml.jackson.annotation.JsonProperty("notify") @Nullable
            Boolean teams,

            @Nullable String thread,
            @Nullable Boolean mentions) {}

    @GetMapping
    @Operation(summary = "List executions, newest first, filtered by project, release and status")
    Map<String, Object> list(
            @RequestParam(required = false) @Nullable String project,
            @RequestParam(required = false) @Nullable String release,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        ExecutionFilter filter = new ExecutionFilter(
                blank(project),
                blank(release),
                blank(status) == null ? null : ExecutionStatus.fromKey(status),
                page,
                size);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", history.list(filter).stream().map(this::summary).toList());
        body.put("page", page);
        body.put("size", size);
        // an exact count over a large history costs more than the page itself: stop at 10,000
        long total = history.countUpTo(filter, TOTAL_CAP + 1);
        body.put("total", Math.min(total, TOTAL_CAP));
        body.put("totalIsLowerBound", total > TOTAL_CAP);
        return body;
    }

    @GetMapping("/findings")
    @Operation(summary = "Stored findings, newest execution first, by project and release, ticket or execution")
    List<dev.preflight.history.StoredFinding> findings(
            @RequestParam(required = false) @Nullable String project,
            @RequestParam(required = false) @Nullable String release,
            @RequestParam(required = false) @Nullable String ticket,
            @RequestParam(required = false) @Nullable UUID execution) {
        return history.findings(
                new dev.preflight.history.FindingQuery(execution, blank(project), blank(release), blank(ticket)));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One execution: its metadata and its report (preflight-report/1)")
    Map<String, Object> get(@PathVariable UUID id) {
        Execution execution = history.get(id);
        Map<String, Object> body = summary(execution);
        body.put("options", json.readTree(execution.options()));
        body.put("error", execution.error());
        body.put("report", execution.report() == null ? null : json.readTree(execution.report()));
        return body;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Start a check; 409 when that release is already being checked")
    ResponseEntity<Object> start(
            @RequestBody StartCheck request,
            Authentication authentication,
            jakarta.servlet.http.HttpServletRequest http) {
        EnumSet<CheckRequest.Step> skipped = EnumSet.noneOf(CheckRequest.Step.class);
        if (request.skip() != null) {
            request.skip().forEach(step -> skipped.add(CheckRequest.Step.fromName(step)));
        }
        CheckRuns.Launch launch = runs.start(new CheckOrder(
                new CheckRequest(request.project(), request.release(), skipped),
                Trigger.API,
                Member.describe(authentication),
                notifier.teams(
                        Boolean.TRUE.equals(request.teams()),
                        request.thread(),
                        request.mentions() == null || request.mentions())));
        Audit.target(http, request.project() + " " + launch.release());
        URI link = ServletUriComponentsBuilder.fromCurrentRequest()
                .path("/{id}")
                .buildAndExpand(launch.execution())
                .toUri();
        if (launch instanceof CheckRuns.AlreadyRunning running) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.CONFLICT,
                    "a check of " + request.project() + " " + running.release() + " is already running");
            problem.setTitle("Already running");
            problem.setProperty("execution", running.execution());
            problem.setProperty("link", link.toString());
            return ResponseEntity.status(HttpStatus.CONFLICT)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        return ResponseEntity.accepted()
                .location(link)
                .body(Map.of("id", launch.execution(), "release", launch.release(), "link", link.toString()));
    }

    @GetMapping(path = "/{id}/log", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "The execution's log as server-sent events ('log' lines, then one 'end')")
    SseEmitter log(@PathVariable UUID id) {
        history.get(id);
        return logs.stream(id);
    }

    @GetMapping("/{id}/export")
    @Operation(summary = "The execution as a preflight-execution/1 file")
    ResponseEntity<String> export(@PathVariable UUID id) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"preflight-" + id + ".json\"")
                .contentType(MediaType.APPLICATION_JSON)
                .body(export.export(id));
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel a running check")
    ResponseEntity<Void> cancel(@PathVariable UUID id) {
        history.get(id);
        if (!runs.cancel(id)) {
            throw new IllegalStateException("execution " + id + " is not running on this node");
        }
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/{id}/notify")
    @Operation(summary = "Send the execution's Teams notification again")
    Map<String, Object> resend(@PathVariable UUID id) {
        return notifier.resend(id);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete an execution (not while it runs)")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        if (history.get(id).status() == ExecutionStatus.RUNNING) {
            throw new IllegalStateException("execution " + id + " is running: cancel it first");
        }
        history.delete(id);
        return ResponseEntity.noContent().build();
    }

    private static final ReportJson REPORT_JSON = new ReportJson();

    private Map<String, Object> summary(Execution e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", e.id());
        body.put("project", e.project());
        body.put("release", e.release());
        body.put("packagingRelease", e.packagingRelease());
        body.put("status", e.status().key());
        body.put("trigger", e.trigger().key());
        body.put("triggeredBy", e.triggeredBy());
        body.put("startedAt", e.startedAt());
        body.put("endedAt", e.endedAt());
        body.put("durationMs", e.duration() == null ? null : e.duration().toMillis());
        JsonNode summary = e.summary() == null ? null : json.readTree(e.summary());
        body.put("summary", summary);
        if (e.verdict() != null) { // the release's readiness, beside the run's status
            body.put("verdict", REPORT_JSON.verdict(e.verdict()));
        }
        return body;
    }

    private static @Nullable String blank(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
