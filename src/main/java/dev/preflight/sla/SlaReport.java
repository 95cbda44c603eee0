package dev.preflight.sla;

import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How a set of problems (a release's, or those opened in a month) kept to their targets, per
 * class: the share taken into account in time, the share with a workaround or fix in time, median
 * business times, and the breaches. Each problem counts with its current cycle.
 *
 * @param scope what the figures cover, in words ("ET H3-2026.7", "2026-12")
 */
public record SlaReport(String scope, List<ClassFigures> classes, List<Problems.Tracked> breaches) {

    /**
     * @param acknowledgedInTime share of problems with that target taken into account within it (null: none due yet)
     * @param workedAroundInTime share with a workaround or fix within its target (null: none due yet)
     */
    public record ClassFigures(
            SlaClass sla,
            int problems,
            int open,
            @Nullable Double acknowledgedInTime,
            @Nullable Double workedAroundInTime,
            @Nullable Duration medianToAcknowledge,
            @Nullable Duration medianToWorkaround,
            int breached) {}

    static SlaReport of(String scope, List<Problems.Tracked> tracked) {
        List<ClassFigures> classes = new ArrayList<>();
        for (SlaClass sla : SlaClass.values()) {
            List<Problems.Tracked> of =
                    tracked.stream().filter(t -> t.problem().slaClass() == sla).toList();
            if (of.isEmpty()) {
                continue;
            }
            classes.add(new ClassFigures(
                    sla,
                    of.size(),
                    (int) of.stream().filter(t -> t.problem().open()).count(),
                    share(of, Problems.Tracked::acknowledge),
                    share(of, Problems.Tracked::workaround),
                    median(of, Problems.Tracked::acknowledge),
                    median(of, Problems.Tracked::workaround),
                    (int) of.stream().filter(SlaReport::breached).count()));
        }
        List<Problems.Tracked> breaches = tracked.stream()
                .filter(SlaReport::breached)
                .sorted(Comparator.comparing(t -> t.problem().openedAt()))
                .toList();
        return new SlaReport(scope, classes, breaches);
    }

    static String monthScope(YearMonth month) {
        return month.toString();
    }

    private static boolean breached(Problems.Tracked t) {
        return t.acknowledge().breached() || t.workaround().breached();
    }

    /** Among the clocks that are settled (met, or past due), the share met in time. */
    private static @Nullable Double share(List<Problems.Tracked> of, Function<Problems.Tracked, SlaClock> clock) {
        long settled = of.stream()
                .map(clock)
                .filter(c -> c.state() == SlaClock.State.MET_IN_TIME
                        || c.state() == SlaClock.State.MET_LATE
                        || c.state() == SlaClock.State.BREACHED)
                .count();
        long inTime = of.stream()
                .map(clock)
                .filter(c -> c.state() == SlaClock.State.MET_IN_TIME)
                .count();
        return settled == 0 ? null : (double) inTime / settled;
    }

    /** The median business time to meet the target, among the problems that met it. */
    private static @Nullable Duration median(List<Problems.Tracked> of, Function<Problems.Tracked, SlaClock> clock) {
        List<Duration> met = of.stream()
                .map(clock)
                .filter(c -> c.state() == SlaClock.State.MET_IN_TIME || c.state() == SlaClock.State.MET_LATE)
                .map(SlaClock::elapsed)
                .sorted()
                .toList();
        if (met.isEmpty()) {
            return null;
        }
        int middle = met.size() / 2;
        return met.size() % 2 == 1
                ? met.get(middle)
                : met.get(middle - 1).plus(met.get(middle)).dividedBy(2);
    }

    /** One line per problem, for a spreadsheet. */
    public String csv() {
        StringBuilder out = new StringBuilder(
                "class,problems,open,acknowledged_in_time,worked_around_in_time,median_to_acknowledge_hours,"
                        + "median_to_workaround_hours,breached\n");
        for (ClassFigures c : classes) {
            out.append(c.sla().key())
                    .append(',')
                    .append(c.problems())
                    .append(',')
                    .append(c.open())
                    .append(',')
                    .append(percent(c.acknowledgedInTime()))
                    .append(',')
                    .append(percent(c.workedAroundInTime()))
                    .append(',')
                    .append(hours(c.medianToAcknowledge()))
                    .append(',')
                    .append(hours(c.medianToWorkaround()))
                    .append(',')
                    .append(c.breached())
                    .append('\n');
        }
        out.append("\nbreach,project,release,category,subject,class,opened_at,acknowledge,workaround\n");
        for (Problems.Tracked t : breaches) {
            Problem p = t.problem();
            out.append("breach,")
                    .append(cell(p.project()))
                    .append(',')
                    .append(cell(p.release()))
                    .append(',')
                    .append(cell(p.category()))
                    .append(',')
                    .append(cell(p.subject()))
                    .append(',')
                    .append(p.slaClass().key())
                    .append(',')
                    .append(p.openedAt())
                    .append(',')
                    .append(t.acknowledge().state().key())
                    .append(',')
                    .append(t.workaround().state().key())
                    .append('\n');
        }
        return out.toString();
    }

    private static String percent(@Nullable Double share) {
        return share == null ? "" : String.format(java.util.Locale.ROOT, "%.1f", share * 100);
    }

    private static String hours(@Nullable Duration d) {
        return d == null ? "" : String.format(java.util.Locale.ROOT, "%.2f", d.toSeconds() / 3600.0);
    }

    /** A CSV cell: quoted when it must be, and never read as a formula by a spreadsheet. */
    static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n")
                ? "\"" + safe.replace("\"", "\"\"") + "\""
                : safe;
    }
}
