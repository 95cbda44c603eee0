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
        try {
            problems.acknowledge(id, actor(who), comment);
            redirect.addFlashAttribute("done", "Taken into account.");
        } catch (IllegalArgumentException | IllegalStateException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/problems/" + id;
    }

    @PostMapping("/problems/{id}/workaround")
    String workaround(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String comment,
            Principal who,
            RedirectAttributes redirect) {
        try {
            problems.workaround(id, actor(who), comment);
            redirect.addFlashAttribute("done", "Workaround recorded.");
        } catch (IllegalArgumentException | IllegalStateException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/problems/" + id;
    }

    /** Readwrite may act on any problem; a reader on those that name them. */
    static Problems.Actor actor(Principal who) {
        boolean readwrite = who instanceof org.springframework.security.core.Authentication authentication
                && authentication.getAuthorities().stream()
                        .anyMatch(a -> a.getAuthority().equals("ROLE_READWRITE"));
        return new Problems.Actor(who.getName(), readwrite);
    }
}
