package dev.preflight.web;

import dev.preflight.check.Category;
import dev.preflight.check.ReleaseReport;
import dev.preflight.report.CheckProgress;
import dev.preflight.report.CheckProperties;
import dev.preflight.report.CheckRequest;
import dev.preflight.report.ReleaseReporter;
import dev.preflight.report.ReportJson;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The Release Check page: run a check, read the latest report. History, live logs and sign-in
 * come with the history and security modules.
 */
@Controller
class ReleaseCheckController {

    private final ReleaseReporter reporter;
    private final CheckProperties properties;
    private final AtomicReference<@Nullable ReleaseReport> latest = new AtomicReference<>();
    private final AtomicReference<@Nullable String> lastError = new AtomicReference<>();

    ReleaseCheckController(ReleaseReporter reporter, CheckProperties properties) {
        this.reporter = reporter;
        this.properties = properties;
    }

    @GetMapping("/")
    String page(Model model) {
        model.addAttribute("project", properties.project());
        model.addAttribute("report", latest.get());
        model.addAttribute("error", lastError.get());
        model.addAttribute("categories", List.of(Category.values()));
        model.addAttribute("columns", dev.preflight.report.AssigneeTable.COLUMNS);
        return "release-check";
    }

    @PostMapping("/check")
    String run(
            @RequestParam String project,
            @RequestParam(required = false) @Nullable String release,
            @RequestParam(defaultValue = "false") boolean skipResync,
            @RequestParam(defaultValue = "false") boolean skipOutdated) {
        EnumSet<CheckRequest.Step> skipped = EnumSet.noneOf(CheckRequest.Step.class);
        if (skipResync) {
            skipped.add(CheckRequest.Step.RESYNC);
        }
        if (skipOutdated) {
            skipped.add(CheckRequest.Step.OUTDATED);
        }
        try {
            latest.set(reporter.run(new CheckRequest(project.trim(), release, skipped), CheckProgress.silent()));
            lastError.set(null);
        } catch (RuntimeException e) {
            lastError.set(e.getMessage());
        }
        return "redirect:/";
    }

    @GetMapping(value = "/api/v1/reports/latest", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<String> latestReport() {
        ReleaseReport report = latest.get();
        return report == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(new ReportJson().write(report));
    }
}
