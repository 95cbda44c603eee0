package dev.preflight.sla.web;

import dev.preflight.sla.Problems;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The SLA tab: a month's (or a release's) figures per class, the breaches, and the CSV. */
@Controller
class SlaReportController {

    private final Problems problems;

    SlaReportController(Problems problems) {
        this.problems = problems;
    }

    @GetMapping("/sla")
    String sla(
            @RequestParam(required = false) @Nullable String project,
            @RequestParam(required = false) @Nullable String release,
            @RequestParam(required = false) @Nullable String month,
            Model model) {
        model.addAttribute("project", project);
        model.addAttribute("release", release);
        model.addAttribute("month", month == null ? java.time.YearMonth.now().toString() : month);
        try {
            model.addAttribute("report", problems.report(project, release, month));
        } catch (IllegalArgumentException e) {
            model.addAttribute("error", e.getMessage());
        }
        return "sla";
    }
}
