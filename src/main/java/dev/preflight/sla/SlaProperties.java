package dev.preflight.sla;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Business calendars and service-level targets. {@code france} (Europe/Paris, 09:00-19:00 Monday
 * to Friday, French public holidays) is always there and is the default unless another is named.
 *
 * @param calendar the calendar clocks count in unless a project says otherwise
 * @param calendars more calendars, or {@code france} changed
 * @param targets per class (blocking, semi-blocking, minor): time to acknowledge and to a workaround
 * @param classes per category key (built-in or {@code custom:<name>}): its class when it is not its severity
 * @param escalateTo who is mentioned on every escalation beside the assignee (e-mail addresses)
 * @param projects per project key, the calendar its clocks count in (a team in Hong Kong)
 */
@ConfigurationProperties("preflight.sla")
public record SlaProperties(
        @DefaultValue("france") String calendar,
        @DefaultValue Map<String, Calendar> calendars,
        @DefaultValue Map<String, Targets> targets,
        @DefaultValue Map<String, String> classes,
        @DefaultValue List<String> escalateTo,
        @DefaultValue Map<String, String> projects) {

    /** France, as the service promise is written: 09:00 to 19:00 Paris time, Monday to Friday, public holidays off. */
    static final Calendar FRANCE = new Calendar(
            ZoneId.of("Europe/Paris"),
            LocalTime.of(9, 0),
            LocalTime.of(19, 0),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            "FR",
            List.of());

    /** The promise's table: blocking 8 h and 8 h, semi-blocking 24 h and 4 business days, minor best effort. */
    static final Map<SlaClass, Targets> DEFAULT_TARGETS = Map.of(
            SlaClass.BLOCKING, new Targets("8h", "8h"),
            SlaClass.SEMI_BLOCKING, new Targets("24h", "4d"),
            SlaClass.MINOR, new Targets(null, null));

    public SlaProperties {
        Map<String, Calendar> all = new LinkedHashMap<>();
        all.put("france", FRANCE);
        all.putAll(calendars);
        calendars = Map.copyOf(all);
        if (!calendars.containsKey(calendar)) {
            throw new IllegalArgumentException("preflight.sla.calendar: no calendar named '" + calendar + "' (known: "
                    + String.join(", ", calendars.keySet()) + ")");
        }
        targets = Map.copyOf(targets);
        classes = Map.copyOf(classes);
        escalateTo = List.copyOf(escalateTo);
        projects = Map.copyOf(projects);
        for (Map.Entry<String, String> project : projects.entrySet()) {
            if (!calendars.containsKey(project.getValue())) {
                throw new IllegalArgumentException("preflight.sla.projects." + project.getKey()
                        + ": no calendar named '" + project.getValue() + "'");
            }
        }
    }

    /**
     * A business calendar as configured.
     *
     * @param country ISO 3166 code of the public holidays (empty: none)
     * @param closed extra days off (a company day, the 24th of December)
     */
    public record Calendar(
            @Nullable ZoneId zone,
            @Nullable LocalTime opens,
            @Nullable LocalTime closes,
            @Nullable Set<DayOfWeek> openDays,
            @Nullable String country,
            @Nullable List<LocalDate> closed) {}

    /**
     * Targets of a class: a number of business hours ({@code 8h}) or business days ({@code 4d}, a
     * day being the calendar's daily hours); empty means best effort, no clock.
     */
    public record Targets(
            @Nullable String acknowledge, @Nullable String workaround) {}
}
