package dev.preflight.web;

import dev.preflight.history.Execution;
import dev.preflight.history.ExecutionFilter;
import dev.preflight.history.ExecutionHistory;
import dev.preflight.jira.JiraVersion;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import tools.jackson.databind.json.JsonMapper;

/** A release's page: its readiness trend and its executions. */
@Controller
class ReleaseController {

    private final ExecutionHistory history;
    private final Releases releases;
    private final JsonMapper json;

    private final Times times;

    private final dev.preflight.sla.Problems problems;

    ReleaseController(
            ExecutionHistory history,
            Releases releases,
            JsonMapper json,
            Times times,
            dev.preflight.sla.Problems problems) {
        this.problems = problems;
        this.times = times;
        this.history = history;
        this.releases = releases;
        this.json = json;
    }

    @GetMapping("/releases/{project}/{release}")
    String release(@PathVariable String project, @PathVariable String release, Model model) {
        List<Execution> executions = history.list(new ExecutionFilter(project, release, null, 0, 500));
        LocalDate releaseDate = null;
        try {
            releaseDate = releases.unreleased(project).stream()
                    .filter(v -> v.name().equals(release))
                    .map(JiraVersion::releaseDate)
                    .findFirst()
                    .orElse(null);
        } catch (RuntimeException jiraDown) {
            model.addAttribute("note", "Jira could not be asked for the release date: " + jiraDown.getMessage());
        }
        model.addAttribute("project", project);
        model.addAttribute("release", release);
        model.addAttribute("releaseDate", releaseDate);
        model.addAttribute("executions", executions);
        model.addAttribute("trend", ReleaseTrend.of(executions, releaseDate, times.zone(), json));
        model.addAttribute("problems", problems.of(project, release, false));
        return "release";
    }
}
