package dev.preflight.usage;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A bar chart per day, drawn as SVG by the template (attributes only: the page's CSP allows no
 * inline style), with its numbers as a table for those who do not see it.
 *
 * @param series each series' name and colour, stacked in this order
 * @param table one row per day: its date, then each series' value
 */
public record Chart(
        String id,
        String title,
        String description,
        String unit,
        Map<String, String> series,
        List<Bar> bars,
        List<Tick> yTicks,
        List<Tick> xTicks,
        List<List<String>> table) {

    public static final int WIDTH = 720;
    public static final int HEIGHT = 220;
    static final int LEFT = 48;
    static final int RIGHT = WIDTH - 8;
    static final int TOP = 10;
    static final int BASELINE = HEIGHT - 28;

    public record Bar(double x, double y, double width, double height, String colour, String title) {}

    public record Tick(double at, String label) {}

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    public int left() {
        return LEFT;
    }

    public int right() {
        return RIGHT;
    }

    public int baseline() {
        return BASELINE;
    }

    public boolean empty() {
        return bars.isEmpty();
    }

    /** Bars for each day from {@code from} to {@code to}, each series stacked on the previous one. */
    static Chart stacked(
            String id,
            String title,
            String description,
            String unit,
            Map<String, String> series,
            LocalDate from,
            LocalDate to,
            Map<LocalDate, Map<String, Double>> values) {
        List<LocalDate> days = from.datesUntil(to.plusDays(1)).toList();
        double max = 0;
        for (LocalDate day : days) {
            double total = values.getOrDefault(day, Map.of()).values().stream()
                    .mapToDouble(Double::doubleValue)
                    .sum();
            max = Math.max(max, total);
        }
        double top = niceCeiling(max);
        double slot = (double) (RIGHT - LEFT) / days.size();
        double barWidth = Math.max(1, slot * 0.7);
        List<Bar> bars = new ArrayList<>();
        List<List<String>> table = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            LocalDate day = days.get(i);
            Map<String, Double> ofDay = values.getOrDefault(day, Map.of());
            double stackedTo = 0;
            List<String> row = new ArrayList<>();
            row.add(day.toString());
            for (Map.Entry<String, String> s : series.entrySet()) {
                Double given = ofDay.get(s.getKey());
                double value = given == null ? 0 : given;
                row.add(format(value));
                if (given == null) {
                    continue;
                }
                double y0 = scale(stackedTo, top);
                double y1 = Math.min(scale(stackedTo + value, top), y0 - 2);
                bars.add(new Bar(
                        round(LEFT + i * slot + (slot - barWidth) / 2),
                        round(y1),
                        round(barWidth),
                        // a zero given is drawn as a thin bar: "none that day", not "no data"
                        round(Math.max(2, y0 - y1)),
                        s.getValue(),
                        DAY.format(day) + ": " + format(value) + " " + unit
                                + (series.size() > 1 ? " " + s.getKey() : "")));
                stackedTo += value;
            }
            if (!ofDay.isEmpty()) {
                table.add(row);
            }
        }
        List<Tick> yTicks = new ArrayList<>();
        for (int k = 0; k <= 4; k++) {
            double value = top * k / 4;
            yTicks.add(new Tick(round(scale(value, top)), format(value)));
        }
        List<Tick> xTicks = new ArrayList<>();
        int every = Math.max(1, days.size() / 6);
        for (int i = 0; i < days.size(); i += every) {
            xTicks.add(new Tick(round(LEFT + i * slot + slot / 2), DAY.format(days.get(i))));
        }
        return new Chart(id, title, description, unit, new LinkedHashMap<>(series), bars, yTicks, xTicks, table);
    }

    private static double scale(double value, double top) {
        return BASELINE - (BASELINE - TOP) * (top == 0 ? 0 : value / top);
    }

    /** 1, 2, 5 × 10^n at or above the value, so the ticks read well. */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return 4;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 4, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ENGLISH, "%.1f", value);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
