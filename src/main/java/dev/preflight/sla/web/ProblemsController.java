package dev.preflight.sla.web;

import dev.preflight.sla.Problems;
import java.security.Principal;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A problem's page: what Teams cards and push messages link to, where it is taken into account. */
@Controller
class ProblemsController {

    private final Problems problems;

    ProblemsController(Problems problems) {
        this.problems = problems;
    }

    @GetMapping("/problems/{id}")
    String problem(@PathVariable UUID id, Model model) {
        model.addAttribute("t", problems.tracked(problems.get(id), Instant.now()));
        model.addAttribute("history", problems.history(id));
        return "problem";
    }

    @PostMapping("/problems/{id}/acknowledge")
    String acknowledge(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String comment,
            Principal who,
            RedirectAttributes redirect) {
        return act(id, redirect, "Taken into account.", () -> problems.acknowledge(id, Actors.of(who), comment));
    }

    @PostMapping("/problems/{id}/workaround")
    String workaround(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String comment,
            Principal who,
            RedirectAttributes redirect) {
        return act(id, redirect, "Workaround recorded.", () -> problems.workaround(id, Actors.of(who), comment));
    }

    /** Back to the problem's page, saying what was done or why not. */
    private static String act(UUID id, RedirectAttributes redirect, String done, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("done", done);
        } catch (IllegalArgumentException | IllegalStateException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/problems/" + id;
    }
}
