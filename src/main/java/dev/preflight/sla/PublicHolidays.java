package dev.preflight.sla;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.time.Year;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** A country's public holidays from jollyday (maintained per country), computed once per year asked. */
final class PublicHolidays implements Predicate<LocalDate> {

    private final String country;
    private final HolidayManager holidays;
    private final Map<Integer, Set<LocalDate>> years = new ConcurrentHashMap<>();

    PublicHolidays(String country) {
        this.country = country;
        try {
            this.holidays = HolidayManager.getInstance(ManagerParameters.create(country));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("country: '" + country + "' has no public holidays known to jollyday");
        }
    }

    @Override
    public boolean test(LocalDate day) {
        return years.computeIfAbsent(
                        day.getYear(),
                        year -> holidays.getHolidays(Year.of(year)).stream()
                                .map(Holiday::getDate)
                                .collect(Collectors.toUnmodifiableSet()))
                .contains(day);
    }

    @Override
    public String toString() {
        return "public holidays of " + country;
    }
}
