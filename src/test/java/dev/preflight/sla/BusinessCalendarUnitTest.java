package dev.preflight.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Deadlines in France's business hours (09:00-19:00 Paris, Monday to Friday, public holidays off), counted by hand. */
class BusinessCalendarUnitTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private final Calendars calendars = Calendars.defaults();
    private final BusinessCalendar france = calendars.standard();

    private OffsetDateTime deadline(String localStart, long hours) {
        return france.deadline(LocalDateTime.parse(localStart).atZone(PARIS).toInstant(), Duration.ofHours(hours))
                .toOffsetDateTime();
    }

    @Test
    void aWeekendIsNotBusinessTime() {
        // Friday 15:00: 4 hours left on Friday, 4 more from Monday 09:00
        assertThat(deadline("2026-12-04T15:00", 8)).isEqualTo(OffsetDateTime.parse("2026-12-07T13:00+01:00"));
        assertThat(france.between(
                        LocalDateTime.parse("2026-12-04T15:00").atZone(PARIS).toInstant(),
                        LocalDateTime.parse("2026-12-07T13:00").atZone(PARIS).toInstant()))
                .isEqualTo(Duration.ofHours(8));
    }

    @Test
    void aStartOutsideOpeningHoursCountsFromTheNextOpening() {
        assertThat(deadline("2026-12-05T10:00", 8))
                .as("Saturday")
                .isEqualTo(OffsetDateTime.parse("2026-12-07T17:00+01:00"));
        assertThat(deadline("2026-12-04T20:00", 1))
                .as("Friday evening")
                .isEqualTo(OffsetDateTime.parse("2026-12-07T10:00+01:00"));
        assertThat(deadline("2026-12-08T07:30", 2))
                .as("before opening")
                .isEqualTo(OffsetDateTime.parse("2026-12-08T11:00+01:00"));
    }

    @Test
    void aTargetEndingAtClosingTimeIsDueThenAndDaysAreTheCalendarsHours() {
        assertThat(deadline("2026-12-07T09:00", 10)).isEqualTo(OffsetDateTime.parse("2026-12-07T19:00+01:00"));
        Duration fourDays =
                calendars.targets(SlaClass.SEMI_BLOCKING, france).workaround().orElseThrow();
        assertThat(fourDays).isEqualTo(Duration.ofHours(40));
        assertThat(france.deadline(
                                LocalDateTime.parse("2026-12-07T09:00")
                                        .atZone(PARIS)
                                        .toInstant(),
                                fourDays)
                        .toOffsetDateTime())
                .isEqualTo(OffsetDateTime.parse("2026-12-10T19:00+01:00"));
        assertThat(calendars.targets(SlaClass.MINOR, france).acknowledge())
                .as("best effort")
                .isEmpty();
        assertThat(calendars.targets(SlaClass.BLOCKING, france).acknowledge()).hasValue(Duration.ofHours(8));
    }

    /** Each French public holiday on a weekday: 8 hours from 15:00 the open day before end at 13:00 the open day after. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "New Year (Thu 2026-01-01),      2025-12-31T15:00, 2026-01-02T13:00+01:00",
        "Easter Monday (2026-04-06),     2026-04-03T15:00, 2026-04-07T13:00+02:00",
        "Labour Day (Fri 2026-05-01),    2026-04-30T15:00, 2026-05-04T13:00+02:00",
        "Victory Day (Fri 2026-05-08),   2026-05-07T15:00, 2026-05-11T13:00+02:00",
        "Ascension (Thu 2026-05-14),     2026-05-13T15:00, 2026-05-15T13:00+02:00",
        "Whit Monday (2026-05-25),       2026-05-22T15:00, 2026-05-26T13:00+02:00",
        "Bastille Day (Tue 2026-07-14),  2026-07-13T15:00, 2026-07-15T13:00+02:00",
        "Assumption (Fri 2025-08-15),    2025-08-14T15:00, 2025-08-18T13:00+02:00",
        "All Saints (Mon 2027-11-01),    2027-10-29T15:00, 2027-11-02T13:00+01:00",
        "Armistice (Wed 2026-11-11),     2026-11-10T15:00, 2026-11-12T13:00+01:00",
        "Christmas (Fri 2026-12-25),     2026-12-24T15:00, 2026-12-28T13:00+01:00"
    })
    void eachFrenchPublicHolidayIsSkipped(String holiday, String start, String due) {
        assertThat(deadline(start, 8)).isEqualTo(OffsetDateTime.parse(due));
    }

    @Test
    void bothDaylightSavingChangesKeepTenHourDays() {
        // clocks go forward on Sunday 29 March 2026 and back on Sunday 25 October 2026, at night
        assertThat(deadline("2026-03-27T15:00", 8)).isEqualTo(OffsetDateTime.parse("2026-03-30T13:00+02:00"));
        assertThat(deadline("2026-10-23T15:00", 8)).isEqualTo(OffsetDateTime.parse("2026-10-26T13:00+01:00"));
        assertThat(deadline("2026-03-27T09:00", 20)).isEqualTo(OffsetDateTime.parse("2026-03-30T19:00+02:00"));
        assertThat(france.between(
                        LocalDateTime.parse("2026-10-23T09:00").atZone(PARIS).toInstant(),
                        LocalDateTime.parse("2026-10-26T19:00").atZone(PARIS).toInstant()))
                .isEqualTo(Duration.ofHours(20));
    }

    @Test
    void anotherTeamHasItsOwnCalendar() {
        Calendars both = new Calendars(new SlaProperties(
                "france",
                Map.of(
                        "hong-kong",
                        new SlaProperties.Calendar(ZoneId.of("Asia/Hong_Kong"), null, null, null, "HK", List.of()),
                        "france",
                        new SlaProperties.Calendar(
                                null, null, null, null, null, List.of(LocalDate.parse("2026-12-24")))),
                Map.of(),
                Map.of(),
                List.of(),
                Map.of()));
        BusinessCalendar hongKong = both.byName("hong-kong");
        // Friday 25 December 2026 is Christmas in Hong Kong too; Saturday 26 is a public holiday there
        assertThat(hongKong.deadline(
                                LocalDateTime.parse("2026-12-24T15:00")
                                        .atZone(ZoneId.of("Asia/Hong_Kong"))
                                        .toInstant(),
                                Duration.ofHours(8))
                        .toOffsetDateTime())
                .isEqualTo(OffsetDateTime.parse("2026-12-28T13:00+08:00"));
        assertThat(both.byName("france").isOpen(LocalDate.parse("2026-12-24")))
                .as("an extra closed day")
                .isFalse();
        assertThatThrownBy(() -> both.byName("mars")).hasMessageStartingWith("calendar: no calendar named 'mars'");
    }

    @Test
    void oneTargetGivenLeavesTheOtherAtItsDefault() {
        Calendars changed = new Calendars(new SlaProperties(
                "france",
                Map.of(),
                Map.of("blocking", new SlaProperties.Targets("4h", null)),
                Map.of(),
                List.of(),
                Map.of()));
        Calendars.Targets blocking = changed.targets(SlaClass.BLOCKING, changed.standard());
        assertThat(blocking.acknowledge()).hasValue(Duration.ofHours(4));
        assertThat(blocking.workaround()).hasValue(Duration.ofHours(8));
    }

    @Test
    void badConfigurationIsNamed() {
        assertThatThrownBy(() -> new Calendars(new SlaProperties(
                        "france",
                        Map.of(),
                        Map.of("blocking", new SlaProperties.Targets("soon", "8h")),
                        Map.of(),
                        List.of(),
                        Map.of())))
                .hasMessage(
                        "preflight.sla.targets.blocking.acknowledge: 'soon' is not business time (8h, 24h, 4d, or best effort)");
        assertThatThrownBy(() -> new SlaProperties("moon", Map.of(), Map.of(), Map.of(), List.of(), Map.of()))
                .hasMessageStartingWith("preflight.sla.calendar: no calendar named 'moon'");
    }
}
