package dev.preflight.sla.web.api;

import dev.preflight.sla.Problems;
import dev.preflight.sla.SlaReport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The service-level report over JSON and CSV: per release, or per month (optionally one project). */
@RestController
@Tag(name = "Problems")
class SlaReportApi {

    private final Problems problems;

    SlaReportApi(Problems problems) {
        this.problems = problems;
    }

    @GetMapping(path = "/api/v1/sla/report", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Shares acknowledged and worked around within target, median business times, breaches")
    SlaReport report(
            @RequestParam(required = false) @Nullable String project,
            @RequestParam(required = false) @Nullable String release,
            @RequestParam(required = false) @Nullable String month) {
        return problems.report(project, release, month);
    }

    @GetMapping(path = "/api/v1/sla/report.csv", produces = "text/csv")
    @Operation(summary = "The same as CSV: one line per class, then one per breach")
    ResponseEntity<String> csv(
            @RequestParam(required = false) @Nullable String project,
            @RequestParam(required = false) @Nullable String release,
            @RequestParam(required = false) @Nullable String month) {
        SlaReport report = problems.report(project, release, month);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"sla-report.csv\"")
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(report.csv());
    }
}
