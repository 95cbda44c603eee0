package dev.preflight.web;

import dev.preflight.custom.CheckDefinitions;
import dev.preflight.custom.CustomChecks;
import dev.preflight.custom.DefinitionException;
import dev.preflight.custom.DefinitionVersion;
import dev.preflight.report.CheckFailedException;
import dev.preflight.report.CheckRequest;
import dev.preflight.report.ReleaseReporter;
import dev.preflight.upstream.UpstreamException;
import java.security.Principal;
import java.util.List;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Checks tab (readwrite): the custom checks' document in an editor, errors shown where they
 * are, "Try" against a release before saving, and every version with a revert.
 */
@Controller
class CustomChecksController {

    /** What a first-time editor starts from: the format's shape, against the demo's sandbox. */
    static final String STARTER = """
            format: preflight-checks/1
            sources:
              - name: jira
                jira: {fields: [labels]}
            checks:
              - name: do-not-ship
                label: Marked do-not-ship
                source: jira
                scope: ticket
                when: '"do-not-ship" in $ticket.labels'
                severity: blocking
                detail: '"labelled do-not-ship"'
            """;

    private final CustomChecks checks;
    private final ReleaseReporter reporter;

    CustomChecksController(CustomChecks checks, ReleaseReporter reporter) {
        this.checks = checks;
        this.reporter = reporter;
    }

    @GetMapping("/checks/custom")
    String page(Model model) {
        DefinitionVersion current = checks.currentVersion().orElse(null);
        return render(model, current == null ? STARTER : current.document(), null, null);
    }

    @PostMapping("/checks/custom")
    String save(
            @RequestParam String document,
            @RequestParam(required = false) @Nullable String change,
            Principal principal,
            Model model,
            RedirectAttributes redirect) {
        try {
            String note = DefinitionVersion.note(change, "edit in the Checks tab");
            DefinitionVersion saved = checks.save(document, principal.getName(), note);
            redirect.addFlashAttribute("done", "Saved: version " + saved.version() + " is in force.");
            return "redirect:/checks/custom";
        } catch (DefinitionException e) {
            // the page keeps what was typed, with the error at its line
            return render(model, document, e, null);
        } catch (IllegalStateException raced) {
            // the page keeps what was typed: nothing is lost, it can be saved again after a look
            model.addAttribute("error", raced.getMessage());
            return render(model, document, null, null);
        }
    }

    @PostMapping("/checks/custom/try")
    String tryCheck(
            @RequestParam String document,
            @RequestParam String check,
            @RequestParam String project,
            @RequestParam(required = false) @Nullable String release,
            Model model) {
        try {
            String given = release == null || release.isBlank() ? null : CheckRequest.requireRelease(release);
            CustomChecks.Result result =
                    reporter.tryCustom(checks.trial(document, check), CheckRequest.requireProject(project), given);
            model.addAttribute("tried", dev.preflight.web.api.TriedView.of(result));
        } catch (DefinitionException e) {
            model.addAttribute("tryError", e.getMessage());
        } catch (IllegalArgumentException | CheckFailedException | UpstreamException e) {
            model.addAttribute("tryError", e.getMessage());
        }
        return "custom-checks :: tried";
    }

    @GetMapping("/checks/custom/versions/{version}")
    String version(@PathVariable int version, Model model) {
        DefinitionVersion found =
                checks.version(version).orElseThrow(() -> new NoSuchElementException("no version " + version));
        model.addAttribute("shown", found);
        return render(
                model, checks.currentVersion().map(DefinitionVersion::document).orElse(STARTER), null, found);
    }

    @PostMapping("/checks/custom/versions/{version}/revert")
    String revert(@PathVariable int version, Principal principal, RedirectAttributes redirect, Model model) {
        try {
            DefinitionVersion now = checks.revert(version, principal.getName());
            redirect.addFlashAttribute(
                    "done", "Version " + version + " is in force again, as version " + now.version() + ".");
        } catch (DefinitionException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/checks/custom";
    }

    private String render(
            Model model, String document, @Nullable DefinitionException error, @Nullable DefinitionVersion shown) {
        model.addAttribute("document", document);
        model.addAttribute("current", checks.currentVersion().orElse(null));
        model.addAttribute("versions", checks.history());
        model.addAttribute("shown", shown);
        List<String> names = List.of();
        try {
            CheckDefinitions definitions = checks.validate(document);
            names = definitions.checks().stream().map(c -> c.name()).toList();
        } catch (DefinitionException invalid) {
            if (error == null && !model.containsAttribute("error")) {
                model.addAttribute("warning", invalid.getMessage());
            }
        }
        model.addAttribute("checkNames", names);
        if (error != null) {
            model.addAttribute("error", error.getMessage());
            checks.lineOf(document, error.path()).ifPresent(line -> model.addAttribute("errorLine", line));
        }
        return "custom-checks";
    }
}
