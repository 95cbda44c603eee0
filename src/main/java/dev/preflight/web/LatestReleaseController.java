package dev.preflight.web;

import dev.preflight.check.Category;
import dev.preflight.history.Execution;
import dev.preflight.history.ExecutionFilter;
import dev.preflight.history.ExecutionHistory;
import dev.preflight.jira.JiraVersion;
import dev.preflight.packaging.PackagingProperties;
import dev.preflight.report.CheckProperties;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Latest Release tab: the next release in Jira and on the packaging server, and its latest check. */
@Controller
class LatestReleaseController {

    private final Releases releases;
    private final dev.preflight.reference.ReferenceData reference;
    private final PackagingProperties packagingProperties;
    private final ExecutionHistory history;
    private final CheckProperties properties;
    private final JsonMapper json;
    private final Times times;

    LatestReleaseController(
            Releases releases,
            dev.preflight.reference.ReferenceData reference,
            PackagingProperties packagingProperties,
            ExecutionHistory history,
            CheckProperties properties,
            JsonMapper json,
            Times times) {
        this.times = times;
        this.releases = releases;
        this.reference = reference;
        this.packagingProperties = packagingProperties;
        this.history = history;
        this.properties = properties;
        this.json = json;
    }

    @GetMapping("/latest")
    String latest(@RequestParam(required = false) @Nullable String project, Model model) {
        String key = project != null ? project : properties.project();
        model.addAttribute("project", key);
        if (key == null) {
            model.addAttribute("error", "No project: set PREFLIGHT_CHECK_PROJECT or add ?project=KEY");
            return "latest";
        }
        try {
            List<JiraVersion> unreleased = releases.unreleased(key);
            if (unreleased.isEmpty()) {
                model.addAttribute("error", "Project " + key + " has no unreleased version in Jira.");
                return "latest";
            }
            JiraVersion next = unreleased.getFirst();
            String packagingRelease = packagingProperties.packagingRelease(key, next.name());
            model.addAttribute("next", next);
            model.addAttribute(
                    "daysLeft",
                    next.releaseDate() == null
                            ? null
                            : ChronoUnit.DAYS.between(LocalDate.now(times.zone()), next.releaseDate()));
            model.addAttribute("packagingRelease", packagingRelease);
            model.addAttribute(
                    "packagingExists", reference.packagingReleases(key).value().contains(packagingRelease));
            List<Execution> latest = history.list(new ExecutionFilter(key, next.name(), null, 0, 1));
            model.addAttribute("latest", latest.isEmpty() ? null : latest.getFirst());
            if (!latest.isEmpty() && latest.getFirst().summary() != null) {
                Map<String, Integer> counts = new LinkedHashMap<>();
                JsonNode summary = json.readTree(latest.getFirst().summary());
                for (Category category : ReportCategories.of(summary, Map.of())) {
                    counts.put(category.label(), summary.path(category.key()).asInt());
                }
                model.addAttribute("latestSummary", counts);
            }
        } catch (RuntimeException e) {
            model.addAttribute("error", e.getMessage());
        }
        return "latest";
    }
}
