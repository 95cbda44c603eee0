package dev.preflight.web;

import dev.preflight.history.Trigger;
import dev.preflight.jira.JiraVersion;
import dev.preflight.notify.ThreadLink;
import dev.preflight.report.CheckProperties;
import dev.preflight.report.CheckRequest;
import dev.preflight.run.CheckOrder;
import dev.preflight.run.CheckRuns;
import dev.preflight.security.Audit;
import dev.preflight.security.Member;
import dev.preflight.web.api.ExecutionNotifier;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.HtmlUtils;

/** The Release Check tab: choose a release and the steps, run, then follow the execution. */
@Controller
class ReleaseCheckController {

    private final CheckRuns runs;
    private final ExecutionNotifier notifier;
    private final CheckProperties properties;
    private final Releases releases;

    ReleaseCheckController(CheckRuns runs, ExecutionNotifier notifier, CheckProperties properties, Releases releases) {
        this.runs = runs;
        this.notifier = notifier;
        this.properties = properties;
        this.releases = releases;
    }

    @GetMapping("/")
    String page(@RequestParam(required = false) @Nullable String project, Model model) {
        // after an error the form comes back as it was typed (the values arrive as a flash attribute)
        Object typed = model.getAttribute("form");
        String key = typed instanceof Map<?, ?> form && form.get("project") instanceof String p
                ? p
                : project != null ? project : properties.project();
        model.addAttribute("project", key);
        releases(key, model);
        return "release-check";
    }

    /** The release list of the project being typed (htmx): it follows the project field. */
    @GetMapping("/checks/releases")
    String releaseOptions(@RequestParam(required = false) @Nullable String project, Model model) {
        releases(project == null || project.isBlank() ? null : project.trim(), model);
        return "release-check :: releases";
    }

    private void releases(@Nullable String project, Model model) {
        List<JiraVersion> unreleased = List.of();
        if (project != null) {
            try {
                unreleased = releases.unreleased(CheckRequest.requireProject(project));
                if (unreleased.isEmpty()) {
                    model.addAttribute("releasesError", "Project " + project + " has no unreleased version in Jira.");
                }
            } catch (RuntimeException e) {
                model.addAttribute("releasesError", e.getMessage());
            }
        }
        model.addAttribute("releases", unreleased);
    }

    @PostMapping("/checks")
    String run(
            @RequestParam String project,
            @RequestParam(required = false) @Nullable String release,
            @RequestParam(required = false) @Nullable String thread,
            @RequestParam(defaultValue = "false") boolean resync,
            @RequestParam(defaultValue = "false") boolean outdated,
            @RequestParam(defaultValue = "false") boolean notify,
            @RequestParam(defaultValue = "false") boolean mentions,
            RedirectAttributes redirect,
            Authentication authentication,
            jakarta.servlet.http.HttpServletRequest http) {
        EnumSet<CheckRequest.Step> skipped = EnumSet.noneOf(CheckRequest.Step.class);
        if (!resync) {
            skipped.add(CheckRequest.Step.RESYNC);
        }
        if (!outdated) {
            skipped.add(CheckRequest.Step.OUTDATED);
        }
        try {
            CheckOrder order = new CheckOrder(
                    new CheckRequest(project.trim(), release == null || release.isBlank() ? null : release, skipped),
                    Trigger.WEB,
                    Member.describe(authentication),
                    notifier.teams(notify, thread, mentions));
            CheckRuns.Launch launch = runs.start(order);
            Audit.target(http, order.request().project() + " " + launch.release());
            if (launch instanceof CheckRuns.AlreadyRunning running) {
                redirect.addFlashAttribute("running", running.execution());
                redirect.addFlashAttribute("runningRelease", running.release());
                return "redirect:/?project=" + project.trim();
            }
            return "redirect:/executions/" + launch.execution();
        } catch (RuntimeException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            Map<String, Object> form = new java.util.HashMap<>();
            form.put("project", project.length() > 64 ? project.substring(0, 64) : project);
            form.put("release", release == null ? "" : release);
            form.put("thread", thread == null ? "" : thread);
            form.put("resync", resync);
            form.put("outdated", outdated);
            form.put("notify", notify);
            form.put("mentions", mentions);
            redirect.addFlashAttribute("form", form);
            return "redirect:/";
        }
    }

    /** Validates a thread link as it is typed (htmx). */
    @PostMapping("/checks/thread-link")
    @ResponseBody
    String threadLink(@RequestParam(required = false) @Nullable String thread) {
        if (thread == null || thread.isBlank()) {
            return "";
        }
        try {
            return "Replies in thread "
                    + HtmlUtils.htmlEscape(ThreadLink.parse(thread).rootMessageId());
        } catch (IllegalArgumentException e) {
            return "<span class=\"error\">" + HtmlUtils.htmlEscape(e.getMessage()) + "</span>";
        }
    }
}
