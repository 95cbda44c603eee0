package dev.preflight.web;

import dev.preflight.schedule.FireTimes;
import dev.preflight.schedule.Schedule;
import dev.preflight.schedule.Schedules;
import dev.preflight.schedule.WeekParity;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The Schedules tab (readwrite): the stored schedules with their next and last fires, and a form with a live preview. */
@Controller
class SchedulesController {

    private final Schedules schedules;

    private final Times times;

    SchedulesController(Schedules schedules, Times times) {
        this.times = times;
        this.schedules = schedules;
    }

    /** A schedule as the page shows it: its next fire and its last few outcomes. */
    record Row(Schedule schedule, @Nullable ZonedDateTime next, List<Schedules.Fire> lastFires) {}

    @GetMapping("/schedules")
    String list(Model model) {
        List<Row> rows = new ArrayList<>();
        for (Schedule schedule : schedules.list()) {
            List<ZonedDateTime> next = schedule.fireTimes().after(Instant.now(), 1);
            List<Schedules.Fire> fires = schedules.fires(schedule.id());
            rows.add(new Row(
                    schedule,
                    next.isEmpty() ? null : next.getFirst(),
                    fires.reversed().subList(0, Math.min(5, fires.size()))));
        }
        model.addAttribute("rows", rows);
        // the preview shows at once, for the rule the form holds (the default, or what was typed before an error)
        Map<Object, Object> form = new java.util.HashMap<>();
        if (model.getAttribute("form") instanceof Map<?, ?> typed) {
            form.putAll(typed);
        }
        model.addAttribute(
                "preview",
                preview(
                        String.valueOf(form.getOrDefault("cron", DEFAULT_CRON)),
                        String.valueOf(form.getOrDefault("zone", times.zone().getId())),
                        String.valueOf(form.getOrDefault("parity", "any"))));
        model.addAttribute("defaultCron", DEFAULT_CRON);
        model.addAttribute("teamZone", times.zone().getId());
        model.addAttribute(
                "zones", List.of("Europe/Paris", "Asia/Hong_Kong", "UTC", "Europe/London", "America/New_York"));
        return "schedules";
    }

    @PostMapping("/schedules")
    String add(
            @RequestParam String name,
            @RequestParam String cron,
            @RequestParam String zone,
            @RequestParam(defaultValue = "any") String parity,
            @RequestParam String project,
            @RequestParam(required = false) @Nullable String release,
            @RequestParam(defaultValue = "false") boolean resync,
            @RequestParam(defaultValue = "false") boolean outdated,
            @RequestParam(defaultValue = "false") boolean teams,
            @RequestParam(defaultValue = "false") boolean mentions,
            @RequestParam(required = false) @Nullable String thread,
            RedirectAttributes redirect) {
        try {
            List<String> skip = new ArrayList<>();
            if (!resync) {
                skip.add("resync");
            }
            if (!outdated) {
                skip.add("outdated");
            }
            Schedule added = schedules.add(
                    name,
                    cron,
                    FireTimes.zone(zone),
                    WeekParity.fromKey(parity),
                    project,
                    release,
                    String.join(",", skip),
                    teams,
                    mentions,
                    thread);
            List<ZonedDateTime> next = added.fireTimes().after(Instant.now(), 1);
            redirect.addFlashAttribute(
                    "done",
                    "Schedule '" + added.name() + "' added."
                            + (next.isEmpty() ? "" : " Next fire: " + times.exact(next.getFirst()) + "."));
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            redirect.addFlashAttribute(
                    "form",
                    Map.of(
                            "name", name,
                            "cron", cron,
                            "zone", zone,
                            "parity", parity,
                            "project", project,
                            "release", release == null ? "" : release,
                            "thread", thread == null ? "" : thread));
        }
        return "redirect:/schedules";
    }

    @PostMapping("/schedules/{id}/enabled")
    String enable(@PathVariable UUID id, @RequestParam boolean enabled) {
        schedules.setEnabled(id, enabled);
        return "redirect:/schedules";
    }

    @PostMapping("/schedules/{id}/delete")
    String delete(@PathVariable UUID id, RedirectAttributes redirect) {
        if (schedules.remove(id)) {
            redirect.addFlashAttribute("done", "Schedule deleted.");
        }
        return "redirect:/schedules";
    }

    record Preview(
            @Nullable List<ZonedDateTime> times, @Nullable String error) {}

    /** The form's live preview (htmx): the next 10 fire times, or what is wrong with the rule. */
    @PostMapping("/schedules/preview")
    String preview(
            @RequestParam(defaultValue = "") String cron,
            @RequestParam(defaultValue = "UTC") String zone,
            @RequestParam(defaultValue = "any") String parity,
            Model model) {
        model.addAttribute("preview", preview(cron, zone, parity));
        return "schedules :: preview";
    }

    private static Preview preview(String cron, String zone, String parity) {
        try {
            FireTimes fires = new FireTimes(cron, FireTimes.zone(zone), WeekParity.fromKey(parity));
            return new Preview(fires.after(Instant.now(), 10), null);
        } catch (IllegalArgumentException e) {
            return new Preview(null, e.getMessage());
        }
    }

    private static final String DEFAULT_CRON = "0 0 8 * * MON-WED";
}
