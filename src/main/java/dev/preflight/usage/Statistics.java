package dev.preflight.usage;

import dev.preflight.history.ExecutionHistory;
import dev.preflight.history.ExecutionStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/** The Statistics tab's figures over the last 30 or 90 days, from the history and the daily roll-ups. */
@Service
public class Statistics {

    /** The ranges the tab offers. */
    public static final List<Integer> RANGES = List.of(30, 90);

    private static final Map<String, String> OUTCOMES = outcomes();
    private static final int RELEASES = 6;

    /** Page views of one template over the range. */
    public record PageCount(String page, long views) {}

    /** What the tab shows. */
    public record View(
            int days,
            List<Chart> checks,
            List<Chart> upstream,
            Chart visitors,
            long uniqueToday,
            List<PageCount> pages,
            Map<String, Long> features,
            Map<String, Long> apiCalls,
            List<Chart> releases) {}

    private final ExecutionHistory history;
    private final UsageCounts counts;
    private final ZoneId zone;
    private final Clock clock;

    Statistics(
            ExecutionHistory history,
            UsageCounts counts,
            @Value("${preflight.zone:Europe/Paris}") ZoneId zone,
            Optional<Clock> clock) {
        this.history = history;
        this.counts = counts;
        this.zone = zone;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    public View over(int days) {
        if (!RANGES.contains(days)) {
            throw new IllegalArgumentException("days: must be 30 or 90");
        }
        counts.flush(); // what this node counted a moment ago is shown too
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate from = today.minusDays(days - 1L);
        List<ExecutionHistory.EndedCheck> ended =
                history.endedSince(from.atStartOfDay(zone).toInstant());
        return new View(
                days,
                List.of(checksByOutcome(ended, from, today), medianDuration(ended, from, today)),
                upstream(from, today),
                visitors(from, today),
                counts.uniqueToday(),
                pages(from),
                totals(UsageMetric.FEATURE, from),
                totals(UsageMetric.API_CALL, from),
                releases(ended, from, today));
    }

    private LocalDate day(java.time.Instant at) {
        return at.atZone(zone).toLocalDate();
    }

    private Chart checksByOutcome(List<ExecutionHistory.EndedCheck> ended, LocalDate from, LocalDate to) {
        Map<LocalDate, Map<String, Double>> values = new HashMap<>();
        ended.forEach(e -> values.computeIfAbsent(day(e.endedAt()), d -> new HashMap<>())
                .merge(e.status().key(), 1.0, Double::sum));
        return Chart.stacked(
                "checks",
                "Checks per day, by outcome",
                ended.size() + " checks ended in this period.",
                "checks",
                OUTCOMES,
                from,
                to,
                values);
    }

    private Chart medianDuration(List<ExecutionHistory.EndedCheck> ended, LocalDate from, LocalDate to) {
        Map<LocalDate, List<Double>> seconds = new TreeMap<>();
        ended.stream()
                .filter(e -> e.status() == ExecutionStatus.SUCCESS || e.status() == ExecutionStatus.PARTIAL)
                .forEach(e -> seconds.computeIfAbsent(day(e.endedAt()), d -> new ArrayList<>())
                        .add(Duration.between(e.startedAt(), e.endedAt()).toMillis() / 1000.0));
        Map<LocalDate, Map<String, Double>> values = new HashMap<>();
        seconds.forEach((day, list) -> values.put(day, Map.of("median", median(list))));
        return Chart.stacked(
                "duration",
                "Median check duration per day",
                "Complete checks only, in seconds.",
                "s",
                Map.of("median", "#1565c0"),
                from,
                to,
                values);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return Math.round(median * 10) / 10.0;
    }

    /** Per service: mean latency per day, errors in each bar's title and the table. */
    private List<Chart> upstream(LocalDate from, LocalDate to) {
        Map<String, Map<LocalDate, Long>> calls = byServiceAndDay(UsageMetric.UPSTREAM_CALLS, from);
        Map<String, Map<LocalDate, Long>> millis = byServiceAndDay(UsageMetric.UPSTREAM_MILLIS, from);
        Map<String, Map<LocalDate, Long>> errors = byServiceAndDay(UsageMetric.UPSTREAM_ERRORS, from);
        List<Chart> charts = new ArrayList<>();
        Map<String, String> services = new LinkedHashMap<>();
        Map<LocalDate, Map<String, Double>> failures = new HashMap<>();
        List<String> palette = List.of("#c62828", "#ef6c00", "#6a1b9a", "#1565c0", "#00897b", "#757575");
        for (String service : calls.keySet()) {
            services.put(service, palette.get(services.size() % palette.size()));
            errors.getOrDefault(service, Map.of())
                    .forEach((day, n) ->
                            failures.computeIfAbsent(day, d -> new HashMap<>()).put(service, (double) n));
        }
        if (!services.isEmpty()) {
            charts.add(Chart.stacked(
                    "upstream-errors",
                    "Upstream errors per day, by service",
                    "Requests answered with an error or not answered (a 429 that paced us is not one).",
                    "errors",
                    services,
                    from,
                    to,
                    failures));
        }
        calls.forEach((service, perDay) -> {
            Map<LocalDate, Map<String, Double>> values = new HashMap<>();
            long total = 0;
            long failed = 0;
            for (var entry : perDay.entrySet()) {
                long n = entry.getValue();
                long err = errors.getOrDefault(service, Map.of()).getOrDefault(entry.getKey(), 0L);
                double mean = n == 0
                        ? 0
                        : (double) millis.getOrDefault(service, Map.of()).getOrDefault(entry.getKey(), 0L) / n;
                values.put(entry.getKey(), Map.of("mean latency", Math.round(mean * 10) / 10.0));
                total += n;
                failed += err;
            }
            charts.add(Chart.stacked(
                    "upstream-" + service.replaceAll("[^a-z0-9]", "-"),
                    "Upstream: " + service + ", mean latency per day",
                    total + " requests, " + failed + " failed ("
                            + Chart.format(total == 0 ? 0 : Math.round(1000.0 * failed / total) / 10.0) + " %).",
                    "ms",
                    Map.of("mean latency", "#6a1b9a"),
                    from,
                    to,
                    values));
        });
        return charts;
    }

    private Map<String, Map<LocalDate, Long>> byServiceAndDay(UsageMetric metric, LocalDate from) {
        Map<String, Map<LocalDate, Long>> out = new TreeMap<>();
        counts.since(metric, from)
                .forEach(r ->
                        out.computeIfAbsent(r.dimension(), s -> new TreeMap<>()).merge(r.day(), r.amount(), Long::sum));
        return out;
    }

    private Chart visitors(LocalDate from, LocalDate to) {
        Map<LocalDate, Map<String, Double>> values = new HashMap<>();
        counts.since(UsageMetric.UNIQUE_VISITORS, from).stream()
                .filter(r -> !r.dimension().equals("all"))
                .forEach(r ->
                        values.computeIfAbsent(r.day(), d -> new HashMap<>()).put(r.dimension(), (double) r.amount()));
        Map<String, String> series = new LinkedHashMap<>();
        series.put("desktop", "#1565c0");
        series.put("phone", "#00897b");
        return Chart.stacked(
                "visitors",
                "Daily unique visitors",
                "Each day counted on its own: days cannot be added up, a person on two days is two daily visitors."
                        + " Today's count appears tomorrow.",
                "visitors",
                series,
                from,
                to,
                values);
    }

    private List<PageCount> pages(LocalDate from) {
        return totals(UsageMetric.PAGE_VIEW, from).entrySet().stream()
                .map(e -> new PageCount(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(PageCount::views).reversed())
                .toList();
    }

    private Map<String, Long> totals(UsageMetric metric, LocalDate from) {
        return counts.since(metric, from).stream()
                .collect(Collectors.groupingBy(
                        UsageCounts.Row::dimension, TreeMap::new, Collectors.summingLong(UsageCounts.Row::amount)));
    }

    /** The latest releases checked: blocking findings of each day's last complete check. */
    private List<Chart> releases(List<ExecutionHistory.EndedCheck> ended, LocalDate from, LocalDate to) {
        Map<String, Map<LocalDate, ExecutionHistory.EndedCheck>> last = new LinkedHashMap<>();
        ended.stream()
                .filter(e -> e.release() != null && e.verdict() != null)
                .forEach(e -> last.computeIfAbsent(e.project() + " " + e.release(), r -> new TreeMap<>())
                        .put(day(e.endedAt()), e));
        List<String> latest = last.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Map<LocalDate, ExecutionHistory.EndedCheck>> e) ->
                                ((TreeMap<LocalDate, ?>) e.getValue()).lastKey())
                        .reversed())
                .limit(RELEASES)
                .map(Map.Entry::getKey)
                .toList();
        List<Chart> charts = new ArrayList<>();
        for (String release : latest) {
            Map<LocalDate, Map<String, Double>> values = new HashMap<>();
            last.get(release)
                    .forEach((day, check) ->
                            values.put(day, Map.of(check.verdict().ready() ? "ready" : "blocking", (double)
                                    check.verdict().blocking())));
            Map<String, String> series = new LinkedHashMap<>();
            series.put("blocking", "#c62828");
            series.put("ready", "#2e7d32");
            charts.add(Chart.stacked(
                    "release-" + release.replaceAll("[^A-Za-z0-9]", "-"),
                    release + ": blocking findings",
                    "The last complete check of each day; a thin green bar: ready that day (no blocking finding).",
                    "blocking",
                    series,
                    from,
                    to,
                    values));
        }
        return charts;
    }

    private static Map<String, String> outcomes() {
        Map<String, String> colours = new LinkedHashMap<>();
        colours.put(ExecutionStatus.SUCCESS.key(), "#2e7d32");
        colours.put(ExecutionStatus.PARTIAL.key(), "#f9a825");
        colours.put(ExecutionStatus.ERROR.key(), "#c62828");
        colours.put(ExecutionStatus.CANCELLED.key(), "#757575");
        colours.put(ExecutionStatus.INTERRUPTED.key(), "#6a1b9a");
        return colours;
    }
}
