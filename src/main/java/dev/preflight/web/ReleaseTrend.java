package dev.preflight.web;

import dev.preflight.check.Category;
import dev.preflight.history.Execution;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The readiness burn-down of one release: each category's count across its executions, up to the
 * release date, as SVG polylines (drawn on the server: no script, readable by screen readers
 * through its table twin).
 */
record ReleaseTrend(List<Series> series, List<Point> points, int width, int height, int max, String from, String to) {

    static final int WIDTH = 640;
    static final int HEIGHT = 220;
    static final int PAD = 30;
    private static final Map<Category, String> COLOURS = Map.of(
            Category.MISSING_IN_PACKAGING, "#c0392b",
            Category.MISSING_IN_JIRA, "#8e44ad",
            Category.INVALID_FIX_VERSION, "#d35400",
            Category.DISABLED_CHANGE_REQUEST, "#2c3e50",
            Category.INVALID_PACKAGE, "#16a085",
            Category.OUTDATED_PACKAGE, "#7f8c8d",
            Category.UNREADY, "#2980b9");

    /** One category's line. */
    record Series(String label, String colour, String points) {
        /** The points as [x, y] pairs, for a dot at each execution (a lone point draws no line). */
        public List<String[]> dots() {
            return java.util.Arrays.stream(points.split(" "))
                    .map(pair -> pair.split(","))
                    .toList();
        }
    }

    /** One execution's counts, for the table beside the chart. */
    record Point(Instant at, Map<String, Integer> counts) {}

    /** From executions newest first (as history lists them); only those with a report count. */
    static @Nullable ReleaseTrend of(List<Execution> newestFirst, @Nullable LocalDate releaseDate, JsonMapper json) {
        List<Point> points = new ArrayList<>();
        java.util.TreeSet<Category> seen = new java.util.TreeSet<>();
        Instant cutoff = releaseDate == null
                ? null
                : releaseDate.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            Execution e = newestFirst.get(i);
            if (e.summary() == null || (cutoff != null && e.startedAt().isAfter(cutoff))) {
                continue;
            }
            JsonNode summary = json.readTree(e.summary());
            Map<String, Integer> counts = new java.util.LinkedHashMap<>();
            for (Category category : ReportCategories.of(summary, Map.of())) {
                counts.put(category.label(), summary.path(category.key()).asInt());
                seen.add(category);
            }
            points.add(new Point(e.startedAt(), counts));
        }
        if (points.isEmpty()) {
            return null;
        }
        int max = Math.max(
                1,
                points.stream()
                        .flatMap(p -> p.counts().values().stream())
                        .mapToInt(Integer::intValue)
                        .max()
                        .orElse(1));
        long first = points.getFirst().at().toEpochMilli();
        long span = Math.max(1, points.getLast().at().toEpochMilli() - first);
        List<Series> series = new ArrayList<>();
        for (Category category : seen) {
            StringBuilder line = new StringBuilder();
            for (Point point : points) {
                double x = PAD
                        + (points.size() == 1 ? 0.5 : (point.at().toEpochMilli() - first) / (double) span)
                                * (WIDTH - 2 * PAD);
                double y = HEIGHT
                        - PAD
                        - point.counts().getOrDefault(category.label(), 0) / (double) max * (HEIGHT - 2 * PAD);
                line.append(String.format(java.util.Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            series.add(new Series(
                    category.label(),
                    COLOURS.getOrDefault(category, "#b7950b"),
                    line.toString().trim()));
        }
        return new ReleaseTrend(
                series,
                points,
                WIDTH,
                HEIGHT,
                max,
                points.getFirst().at().toString().substring(0, 10),
                points.getLast().at().toString().substring(0, 10));
    }
}
