package dev.preflight.sla;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The configured business calendars by name, each field left out taken from France's, and the
 * targets of each service class in business time. Needs no database: the CLI's deadline command
 * uses it as the server does.
 */
public final class Calendars {

    private static final Pattern TARGET = Pattern.compile("(\\d{1,4})\\s*([hd])");

    private final SlaProperties properties;
    private final Map<String, BusinessCalendar> calendars = new TreeMap<>();

    public Calendars(SlaProperties properties) {
        this.properties = properties;
        properties.calendars().forEach((name, configured) -> calendars.put(name, build(name, configured)));
        for (SlaClass sla : SlaClass.values()) {
            targets(sla); // a malformed target fails at start, naming it
        }
    }

    /** France only, with the default targets: for tests and tools. */
    public static Calendars defaults() {
        return new Calendars(new SlaProperties("france", Map.of(), Map.of(), Map.of(), List.of(), Map.of()));
    }

    public BusinessCalendar byName(@Nullable String name) {
        String wanted = name == null ? properties.calendar() : name;
        BusinessCalendar calendar = calendars.get(wanted);
        if (calendar == null) {
            throw new IllegalArgumentException("calendar: no calendar named '" + wanted + "' (known: "
                    + String.join(", ", calendars.keySet()) + ")");
        }
        return calendar;
    }

    /** The calendar a project's clocks count in: its own when configured, else the default. */
    public BusinessCalendar forProject(String project) {
        return byName(properties.projects().get(project));
    }

    public BusinessCalendar standard() {
        return byName(null);
    }

    /** The class's targets in business time of this calendar; empty is best effort. */
    public Targets targets(SlaClass sla, BusinessCalendar calendar) {
        SlaProperties.Targets configured = targets(sla);
        return new Targets(
                businessTime(configured.acknowledge(), calendar, sla, "acknowledge"),
                businessTime(configured.workaround(), calendar, sla, "workaround"));
    }

    private SlaProperties.Targets targets(SlaClass sla) {
        SlaProperties.Targets configured = properties.targets().get(sla.key());
        SlaProperties.Targets defaults = SlaProperties.DEFAULT_TARGETS.get(sla);
        // one target given leaves the other at its default ("best effort" is said, not implied)
        SlaProperties.Targets targets = configured == null
                ? defaults
                : new SlaProperties.Targets(
                        configured.acknowledge() != null ? configured.acknowledge() : defaults.acknowledge(),
                        configured.workaround() != null ? configured.workaround() : defaults.workaround());
        businessTime(targets.acknowledge(), standard(), sla, "acknowledge");
        businessTime(targets.workaround(), standard(), sla, "workaround");
        return targets;
    }

    /** The class of a category: configured per category, else the finding's severity. */
    public SlaClass classOf(String categoryKey, dev.preflight.check.Severity severity) {
        String configured = properties.classes().get(categoryKey);
        return configured == null ? SlaClass.of(severity) : SlaClass.fromKey(configured);
    }

    /** Who is mentioned on every escalation beside the assignee. */
    public List<String> escalationContacts() {
        return properties.escalateTo();
    }

    /**
     * @param acknowledge business time to take a problem into account, empty for best effort
     * @param workaround business time to a workaround, counted from the report that opened it
     */
    public record Targets(Optional<Duration> acknowledge, Optional<Duration> workaround) {}

    /** "8h" is 8 business hours; "4d" is 4 business days of the calendar's daily hours (40 h at 09:00-19:00). */
    static Optional<Duration> businessTime(
            @Nullable String text, BusinessCalendar calendar, SlaClass sla, String target) {
        if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("best effort")) {
            return Optional.empty();
        }
        Matcher m = TARGET.matcher(text.strip().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("preflight.sla.targets." + sla.key() + "." + target + ": '" + text
                    + "' is not business time (8h, 24h, 4d, or best effort)");
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(
                m.group(2).equals("h")
                        ? Duration.ofHours(n)
                        : calendar.businessDay().multipliedBy(n));
    }

    private static BusinessCalendar build(String name, SlaProperties.Calendar c) {
        SlaProperties.Calendar f = SlaProperties.FRANCE;
        String country = c.country() != null ? c.country().strip() : name.equals("france") ? f.country() : "";
        Predicate<java.time.LocalDate> holidays = country.isEmpty() ? day -> false : new PublicHolidays(country);
        Set<java.time.LocalDate> extra = new HashSet<>(c.closed() == null ? List.of() : c.closed());
        return new BusinessCalendar(
                name,
                c.zone() != null ? c.zone() : f.zone(),
                c.openDays() != null ? c.openDays() : f.openDays(),
                c.opens() != null ? c.opens() : f.opens(),
                c.closes() != null ? c.closes() : f.closes(),
                day -> extra.contains(day) || holidays.test(day));
    }
}
