package dev.preflight.web;

import dev.preflight.check.Category;
import dev.preflight.check.Verdict;
import dev.preflight.history.Execution;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The readiness burn-down of one release, drawn on the server as SVG (no script; the table is its
 * accessible twin). One chart answers "are we getting there?": the findings stacked by severity
 * with the blocking ones as the bold headline line, on a time axis that runs to the release date.
 * Categories are small multiples on the same axis rather than seven crossing lines, which hid each
 * other; a step that did not run (the outdated-package probe skipped, a custom check not yet
 * written) is a gap there, never a zero.
 */
record ReleaseTrend(
        String description,
        List<Band> bands,
        List<String> blockingLines,
        List<Dot> dots,
        List<Tick> xTicks,
        List<Tick> yTicks,
        @Nullable Tick releaseDay,
        List<Multiple> multiples,
        List<Category> categories,
        List<Row> rows) {

    static final int WIDTH = 720;
    static final int HEIGHT = 260;
    static final int LEFT = 44;
    static final int RIGHT = 24;
    static final int TOP = 16;
    static final int BOTTOM = 40;
    static final int SMALL_WIDTH = 240;
    static final int SMALL_HEIGHT = 70;

    /** One severity's stacked area. */
    record Band(String label, String colour, String points) {}

    /** A point of the blocking line, with what it says. */
    record Dot(double x, double y, String title) {}

    /** A label on an axis, at its coordinate. */
    record Tick(double at, String label) {}

    /** One category's small chart: its line in pieces, broken where it was not checked. */
    record Multiple(Category category, List<String> lines, List<double[]> dots, String last, int max) {
        public String label() {
            return category.label();
        }
    }

    /** One execution in the table, newest first: null counts were not checked. */
    record Row(Execution execution, Verdict verdict, Map<Category, @Nullable Integer> counts) {
        public @Nullable Integer count(Category category) {
            return counts.get(category);
        }
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    public int smallWidth() {
        return SMALL_WIDTH;
    }

    public int smallHeight() {
        return SMALL_HEIGHT;
    }

    public int baseline() {
        return HEIGHT - BOTTOM;
    }

    public int left() {
        return LEFT;
    }

    public int right() {
        return WIDTH - RIGHT;
    }

    public int top() {
        return TOP;
    }

    private record Point(Execution execution, Verdict verdict, Map<Category, @Nullable Integer> counts) {}

    /** From executions newest first (as history lists them); those with a report count. */
    static @Nullable ReleaseTrend of(
            List<Execution> newestFirst, @Nullable LocalDate releaseDate, ZoneId zone, JsonMapper json) {
        List<Point> points = new ArrayList<>();
        TreeSet<Category> categories = new TreeSet<>();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            Execution e = newestFirst.get(i);
            if (e.summary() == null || e.verdict() == null) {
                continue;
            }
            JsonNode summary = json.readTree(e.summary());
            boolean probed = json.readTree(e.options()).path("outdated").asBoolean(true);
            Map<Category, @Nullable Integer> counts = new LinkedHashMap<>();
            for (Category category : ReportCategories.of(summary, Map.of())) {
                boolean checked =
                        summary.has(category.key()) && !(category.equals(Category.OUTDATED_PACKAGE) && !probed);
                counts.put(category, checked ? summary.path(category.key()).asInt() : null);
                categories.add(category);
            }
            points.add(new Point(e, e.verdict(), counts));
        }
        if (points.isEmpty()) {
            return null;
        }

        Instant first = points.getFirst().execution().startedAt();
        Instant last = points.getLast().execution().startedAt();
        Instant releaseStart =
                releaseDate == null ? null : releaseDate.atStartOfDay(zone).toInstant();
        Instant end = releaseStart != null && releaseStart.isAfter(last) ? releaseStart : last;
        Axis axis = new Axis(first, end, LEFT, WIDTH - RIGHT);

        int max = Math.max(
                1, points.stream().mapToInt(p -> p.verdict().total()).max().orElse(1));
        java.util.function.DoubleUnaryOperator y = v -> HEIGHT - BOTTOM - v / max * (HEIGHT - BOTTOM - TOP);

        // stacked from the bottom: blocking, then semi-blocking, then minor
        String[][] layers = {{"Blocking", "#c62828"}, {"Semi-blocking", "#d9a441"}, {"Minor", "#5b9bd5"}};
        List<Band> bands = new ArrayList<>();
        for (int layer = 0; layer < 3; layer++) {
            StringBuilder upper = new StringBuilder();
            StringBuilder lower = new StringBuilder();
            for (Point p : points) {
                double x = axis.x(p.execution().startedAt());
                upper.append(xy(x, y.applyAsDouble(stacked(p.verdict(), layer + 1))))
                        .append(' ');
            }
            for (int i = points.size() - 1; i >= 0; i--) {
                Point p = points.get(i);
                lower.append(xy(axis.x(p.execution().startedAt()), y.applyAsDouble(stacked(p.verdict(), layer))))
                        .append(' ');
            }
            bands.add(new Band(layers[layer][0], layers[layer][1], (upper + lower.toString()).trim()));
        }
        java.util.Collections.reverse(bands); // drawn top layer first so that none hides another's edge

        List<Dot> dots = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (Point p : points) {
            double x = axis.x(p.execution().startedAt());
            double top = y.applyAsDouble(p.verdict().blocking());
            line.append(xy(x, top)).append(' ');
            dots.add(new Dot(round(x), round(top), p.verdict().headline()));
        }

        List<Tick> yTicks = new ArrayList<>();
        for (int v : new TreeSet<>(List.of(0, max / 2, max))) {
            yTicks.add(new Tick(round(y.applyAsDouble(v)), String.valueOf(v)));
        }

        List<Multiple> multiples = new ArrayList<>();
        Axis small = new Axis(first, end, 6, SMALL_WIDTH - 6);
        for (Category category : categories) {
            int top = Math.max(
                    1,
                    points.stream()
                            .map(p -> p.counts().get(category))
                            .filter(java.util.Objects::nonNull)
                            .mapToInt(Integer::intValue)
                            .max()
                            .orElse(1));
            List<String> lines = new ArrayList<>();
            List<double[]> smallDots = new ArrayList<>();
            StringBuilder piece = new StringBuilder();
            String latest = "not checked";
            for (Point p : points) {
                Integer count = p.counts().get(category);
                if (count == null) { // not checked: the line breaks here
                    if (!piece.isEmpty()) {
                        lines.add(piece.toString().trim());
                        piece.setLength(0);
                    }
                    latest = "not checked";
                    continue;
                }
                double x = small.x(p.execution().startedAt());
                double cy = SMALL_HEIGHT - 8 - count / (double) top * (SMALL_HEIGHT - 20);
                piece.append(xy(x, cy)).append(' ');
                smallDots.add(new double[] {round(x), round(cy)});
                latest = String.valueOf(count);
            }
            if (!piece.isEmpty()) {
                lines.add(piece.toString().trim());
            }
            multiples.add(new Multiple(category, lines, smallDots, latest, top));
        }

        List<Row> rows = new ArrayList<>();
        for (int i = points.size() - 1; i >= 0; i--) {
            Point p = points.get(i);
            rows.add(new Row(p.execution(), p.verdict(), p.counts()));
        }
        Verdict from = points.getFirst().verdict();
        Verdict to = points.getLast().verdict();
        String description = points.size() == 1
                ? "One check so far: " + to.headline() + "."
                : "Blocking findings went from " + from.blocking() + " to " + to.blocking() + " over " + points.size()
                        + " checks; now " + to.headline() + ".";
        Tick releaseDay = releaseStart == null || releaseStart.isBefore(first)
                ? null
                : new Tick(round(axis.x(releaseStart)), "release " + releaseDate);
        return new ReleaseTrend(
                description,
                bands,
                List.of(line.toString().trim()),
                dots,
                axis.ticks(zone),
                yTicks,
                releaseDay,
                multiples,
                List.copyOf(categories),
                rows);
    }

    private static int stacked(Verdict verdict, int layers) {
        return switch (layers) {
            case 0 -> 0;
            case 1 -> verdict.blocking();
            case 2 -> verdict.blocking() + verdict.semiBlocking();
            default -> verdict.total();
        };
    }

    private static String xy(double x, double y) {
        return String.format(Locale.ROOT, "%.1f,%.1f", x, y);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** Time to x, and ticks whose labels differ: hours within a day or two, days beyond. */
    record Axis(Instant from, Instant to, double left, double right) {

        double x(Instant at) {
            long span = Duration.between(from, to).toMillis();
            if (span <= 0) {
                return (left + right) / 2;
            }
            return left + (Duration.between(from, at).toMillis() / (double) span) * (right - left);
        }

        List<Tick> ticks(ZoneId zone) {
            Duration span = Duration.between(from, to);
            ZonedDateTime start = from.atZone(zone);
            if (span.toMinutes() < 1) {
                return List.of(new Tick(
                        round(x(from)),
                        DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH)
                                .format(start)));
            }
            List<Tick> ticks = new ArrayList<>();
            if (span.toHours() < 36) {
                long[] steps = {1, 2, 3, 6, 12};
                long step = 12;
                for (long s : steps) {
                    if (span.toMinutes() / 60.0 / s <= 6) {
                        step = s;
                        break;
                    }
                }
                if (span.toHours() < 1) { // within the hour: minutes
                    long minutes = Math.max(1, (span.toMinutes() + 5) / 6);
                    ZonedDateTime t = start.truncatedTo(ChronoUnit.MINUTES);
                    DateTimeFormatter format = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
                    for (; !t.toInstant().isAfter(to); t = t.plusMinutes(minutes)) {
                        if (!t.toInstant().isBefore(from)) {
                            ticks.add(new Tick(round(x(t.toInstant())), format.format(t)));
                        }
                    }
                    return ticks;
                }
                DateTimeFormatter format = DateTimeFormatter.ofPattern(
                        start.toLocalDate().equals(to.atZone(zone).toLocalDate()) ? "HH:mm" : "EEE HH:mm",
                        Locale.ENGLISH);
                ZonedDateTime t = start.truncatedTo(ChronoUnit.HOURS);
                while (t.toInstant().isBefore(from) || t.getHour() % step != 0) {
                    t = t.plusHours(1);
                }
                for (; !t.toInstant().isAfter(to); t = t.plusHours(step)) {
                    ticks.add(new Tick(round(x(t.toInstant())), format.format(t)));
                }
                return ticks;
            }
            long days = Math.max(1, (span.toDays() + 6) / 7);
            DateTimeFormatter format = DateTimeFormatter.ofPattern(days == 1 ? "EEE d" : "d MMM", Locale.ENGLISH);
            for (ZonedDateTime t = start.toLocalDate().plusDays(1).atStartOfDay(zone);
                    !t.toInstant().isAfter(to);
                    t = t.plusDays(days)) {
                ticks.add(new Tick(round(x(t.toInstant())), format.format(t)));
            }
            return ticks;
        }
    }
}
