package dev.preflight.web;

import dev.preflight.history.Execution;
import dev.preflight.history.ExecutionFilter;
import dev.preflight.history.ExecutionHistory;
import dev.preflight.history.ExecutionStatus;
import dev.preflight.notify.TeamsNotifications;
import dev.preflight.run.CheckRuns;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/** The History tab and an execution's page. */
@Controller
class ExecutionsController {

    private static final List<Integer> SIZES = List.of(10, 20, 50, 100);
    private static final long COUNT_CAP = 10_000;

    private final ExecutionHistory history;
    private final CheckRuns runs;
    private final TeamsNotifications teams;
    private final JsonMapper json;

    private final dev.preflight.sla.Problems problems;

    ExecutionsController(
            ExecutionHistory history,
            CheckRuns runs,
            TeamsNotifications teams,
            JsonMapper json,
            dev.preflight.sla.Problems problems) {
        this.problems = problems;
        this.history = history;
        this.runs = runs;
        this.teams = teams;
        this.json = json;
    }

    @GetMapping("/executions")
    String list(
            @RequestParam(required = false) @Nullable String project,
            @RequestParam(required = false) @Nullable String release,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "20") int size,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "false") boolean fragment,
            Model model) {
        int pageSize = SIZES.contains(size) ? size : 20;
        ExecutionFilter filter = ExecutionFilter.search(
                blank(project),
                blank(release),
                blank(status) == null ? null : ExecutionStatus.fromKey(status),
                Math.max(0, page),
                pageSize);
        // counting a million rows on every refresh is what makes a history page slow: cap it
        long total = history.countUpTo(filter, COUNT_CAP + 1);
        boolean capped = total > COUNT_CAP;
        int pages = (int) Math.max(1, (Math.min(total, COUNT_CAP) + pageSize - 1) / pageSize);
        if (!capped && filter.page() >= pages) { // a page past the end shows the last one, not an empty "Page 100"
            filter = filter.onPage(pages - 1);
        }
        List<Execution> executions = history.list(filter);
        model.addAttribute("executions", executions);
        model.addAttribute("total", capped ? String.format("%,d+", COUNT_CAP) : String.format("%,d", total));
        model.addAttribute("count", total);
        model.addAttribute("pages", capped ? pages + "+" : String.valueOf(pages));
        model.addAttribute("more", capped ? executions.size() == pageSize : filter.page() < pages - 1);
        model.addAttribute("page", filter.page());
        model.addAttribute("size", pageSize);
        model.addAttribute("sizes", SIZES);
        model.addAttribute("project", blank(project));
        model.addAttribute("release", blank(release));
        model.addAttribute("status", blank(status));
        model.addAttribute(
                "statuses",
                Arrays.stream(ExecutionStatus.values())
                        .map(ExecutionStatus::key)
                        .toList());
        return fragment ? "history :: table" : "history";
    }

    @GetMapping("/executions/{id}")
    String show(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String category,
            @RequestParam(required = false) @Nullable String severity,
            @RequestParam(required = false) @Nullable String assignee,
            @RequestParam(required = false) @Nullable String q,
            @RequestHeader(name = "HX-Target", required = false) @Nullable String target,
            Model model) {
        Execution execution = history.get(id);
        model.addAttribute("e", execution);
        model.addAttribute("running", execution.status() == ExecutionStatus.RUNNING);
        ReportView.FindingFilter filter = ReportView.FindingFilter.of(category, severity, assignee, q);
        model.addAttribute(
                "view", execution.report() == null ? null : ReportView.of(json.readTree(execution.report()), filter));
        if ("findings".equals(target) && execution.report() != null) {
            return "execution :: findings"; // the filters refresh only the findings
        }
        model.addAttribute("log", history.log(id, 0));
        model.addAttribute("outbox", teams.outbox(id));
        model.addAttribute(
                "problems",
                execution.release() == null ? List.of() : problems.of(execution.project(), execution.release(), false));
        return "execution";
    }

    @PostMapping("/executions/{id}/cancel")
    String cancel(@PathVariable UUID id, RedirectAttributes redirect) {
        redirect.addFlashAttribute("message", runs.cancel(id) ? "Cancelling…" : "This check is not running here.");
        return "redirect:/executions/" + id;
    }

    @PostMapping("/executions/{id}/resend")
    String resend(@PathVariable UUID id, RedirectAttributes redirect) {
        try {
            TeamsNotifications.Delivery delivery = teams.resend(id);
            redirect.addFlashAttribute(
                    "message",
                    delivery.delivered()
                            ? "Sent " + delivery.parts() + " card(s) to Teams."
                            : "Teams: " + delivery.error());
        } catch (RuntimeException e) {
            redirect.addFlashAttribute("message", e.getMessage());
        }
        return "redirect:/executions/" + id;
    }

    @PostMapping("/executions/{id}/delete")
    String delete(@PathVariable UUID id, RedirectAttributes redirect) {
        if (history.get(id).status() == ExecutionStatus.RUNNING) {
            redirect.addFlashAttribute("message", "A running check cannot be deleted: cancel it first.");
            return "redirect:/executions/" + id;
        }
        history.delete(id);
        return "redirect:/executions";
    }

    @PostMapping("/executions/delete-all")
    String deleteAll(
            @RequestParam(required = false) @Nullable String project,
            @RequestParam(required = false) @Nullable String release,
            @RequestParam(required = false) @Nullable String status) {
        // the same filter as the list the button sits under: what was shown is what goes
        ExecutionFilter filter = ExecutionFilter.search(
                blank(project), blank(release), blank(status) == null ? null : ExecutionStatus.fromKey(status), 0, 500);
        List<Execution> batch;
        do {
            batch = history.list(filter);
            batch.stream().filter(e -> e.status() != ExecutionStatus.RUNNING).forEach(e -> history.delete(e.id()));
        } while (batch.stream().anyMatch(e -> e.status() != ExecutionStatus.RUNNING));
        return "redirect:/executions";
    }

    private static @Nullable String blank(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
