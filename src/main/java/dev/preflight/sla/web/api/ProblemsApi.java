package dev.preflight.sla.web.api;

import dev.preflight.sla.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Tracked problems over JSON: a release's, with their clocks; one with its history; taking one into account. */
@RestController
@Tag(name = "Problems", description = "Findings tracked across executions, with service-level clocks in business time")
class ProblemsApi {

    private final Problems problems;

    ProblemsApi(Problems problems) {
        this.problems = problems;
    }

    /** What a client may say with an acknowledgement or a workaround. */
    record Note(@Nullable String comment) {}

    record ProblemView(Problems.Tracked tracked, List<Problems.Event> history) {}

    @GetMapping(path = "/api/v1/releases/{project}/{release}/problems", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A release's problems, open first, with elapsed and remaining business time per target")
    List<Problems.Tracked> of(
            @PathVariable String project,
            @PathVariable String release,
            @RequestParam(defaultValue = "false") boolean resolved) {
        return problems.of(dev.preflight.report.CheckRequest.requireProject(project), release, resolved);
    }

    @GetMapping(path = "/api/v1/problems/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "One problem, its clocks and its history")
    ProblemView get(@PathVariable UUID id) {
        return new ProblemView(problems.tracked(problems.get(id), java.time.Instant.now()), problems.history(id));
    }

    @PostMapping(path = "/api/v1/problems/{id}/acknowledge", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Take a problem into account (409 when someone already has)")
    ProblemView acknowledge(
            @PathVariable UUID id,
            @RequestBody(required = false) @Nullable Note note,
            Principal who,
            HttpServletRequest http) {
        dev.preflight.security.Audit.target(http, id.toString());
        problems.acknowledge(id, dev.preflight.sla.web.Actors.of(who), note == null ? null : note.comment());
        return get(id);
    }

    @PostMapping(path = "/api/v1/problems/{id}/workaround", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Say a workaround is in place (409 when one already is)")
    ProblemView workaround(
            @PathVariable UUID id,
            @RequestBody(required = false) @Nullable Note note,
            Principal who,
            HttpServletRequest http) {
        dev.preflight.security.Audit.target(http, id.toString());
        problems.workaround(id, dev.preflight.sla.web.Actors.of(who), note == null ? null : note.comment());
        return get(id);
    }
}
