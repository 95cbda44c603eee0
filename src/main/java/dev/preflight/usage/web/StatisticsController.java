package dev.preflight.usage.web;

import dev.preflight.usage.Statistics;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The Statistics tab: who uses what, and how checks and upstreams went, over 30 or 90 days. */
@Controller
class StatisticsController {

    private final Statistics statistics;

    StatisticsController(Statistics statistics) {
        this.statistics = statistics;
    }

    @GetMapping("/statistics")
    String statistics(@RequestParam(defaultValue = "30") String days, Model model) {
        int range = Statistics.RANGES.stream()
                .filter(r -> String.valueOf(r).equals(days.strip()))
                .findFirst()
                .orElse(30);
        model.addAttribute("ranges", Statistics.RANGES);
        model.addAttribute("view", statistics.over(range));
        return "statistics";
    }
}
