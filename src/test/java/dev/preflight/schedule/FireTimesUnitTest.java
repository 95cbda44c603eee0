package dev.preflight.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

class FireTimesUnitTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId HONG_KONG = ZoneId.of("Asia/Hong_Kong");

    private static List<String> fires(String cron, ZoneId zone, WeekParity parity, String from, int count) {
        return new FireTimes(cron, zone, parity)
                .after(Instant.parse(from), count).stream()
                        .map(DateTimeFormatter.ISO_OFFSET_DATE_TIME::format)
                        .toList();
    }

    @Test
    void whenClocksGoForwardAMissingTimeFiresAtTheNextValidInstant() {
        assertThat(fires("0 30 2 * * *", PARIS, WeekParity.ANY, "2026-03-27T12:00:00Z", 3))
                .containsExactly("2026-03-28T02:30:00+01:00", "2026-03-29T03:30:00+02:00", "2026-03-30T02:30:00+02:00");
    }

    @Test
    void whenClocksGoBackATimeThatOccursTwiceFiresOnce() {
        assertThat(fires("0 30 2 * * *", PARIS, WeekParity.ANY, "2026-10-24T12:00:00Z", 2))
                .containsExactly("2026-10-25T02:30:00+02:00", "2026-10-26T02:30:00+01:00");
        assertThat(fires("0 0/30 * * * *", PARIS, WeekParity.ANY, "2026-10-24T23:45:00Z", 4))
                .as("every half hour through the repeated hour: no time twice")
                .containsExactly(
                        "2026-10-25T02:00:00+02:00",
                        "2026-10-25T02:30:00+02:00",
                        "2026-10-25T03:00:00+01:00",
                        "2026-10-25T03:30:00+01:00");
    }

    @Test
    void mondayToWednesdayInOddWeeksAndFridayInEvenWeeksInHongKong() {
        // 2026-11-23 is the Monday of ISO week 48 (even)
        assertThat(fires("0 0 8 * * MON-WED", HONG_KONG, WeekParity.ODD, "2026-11-23T00:00:00Z", 4))
                .containsExactly(
                        "2026-11-30T08:00:00+08:00",
                        "2026-12-01T08:00:00+08:00",
                        "2026-12-02T08:00:00+08:00",
                        "2026-12-14T08:00:00+08:00");
        assertThat(fires("0 0 8 * * FRI", HONG_KONG, WeekParity.EVEN, "2026-11-23T00:00:00Z", 2))
                .containsExactly("2026-11-27T08:00:00+08:00", "2026-12-11T08:00:00+08:00");
    }

    @Test
    void wednesdayAtEightAndNoonInParis() {
        assertThat(fires("0 0 8,12 * * WED", PARIS, WeekParity.ANY, "2026-11-23T00:00:00Z", 3))
                .containsExactly("2026-11-25T08:00:00+01:00", "2026-11-25T12:00:00+01:00", "2026-12-02T08:00:00+01:00");
    }

    @Test
    void week53AndTheNextWeek1AreBothOdd() {
        // 2026 has 53 ISO weeks: week 53 starts on Monday 28 December, week 1 of 2027 on 4 January
        assertThat(fires("0 0 8 * * MON", PARIS, WeekParity.ODD, "2026-12-20T00:00:00Z", 3))
                .containsExactly("2026-12-28T08:00:00+01:00", "2027-01-04T08:00:00+01:00", "2027-01-18T08:00:00+01:00");
        assertThat(fires("0 0 8 * * MON", PARIS, WeekParity.EVEN, "2026-12-20T00:00:00Z", 2))
                .containsExactly("2026-12-21T08:00:00+01:00", "2027-01-11T08:00:00+01:00");
    }

    @Test
    void crontabFieldsAndMacrosAreAccepted() {
        assertThat(fires("30 8 * * 1-3", PARIS, WeekParity.ANY, "2026-11-23T00:00:00Z", 1))
                .containsExactly("2026-11-23T08:30:00+01:00");
        assertThat(fires("@daily", PARIS, WeekParity.ANY, "2026-11-23T00:00:00Z", 1))
                .containsExactly("2026-11-24T00:00:00+01:00");
    }

    @Test
    void badRulesAreNamed() {
        assertThatThrownBy(() -> new FireTimes("0 8 * *", PARIS, WeekParity.ANY))
                .hasMessage(
                        "cron '0 8 * *' has 4 fields: expected 5 (crontab), 6 (with seconds) or a macro such as @daily");
        assertThatThrownBy(() -> new FireTimes("0 0 25 * * *", PARIS, WeekParity.ANY))
                .hasMessageStartingWith("cron '0 0 25 * * *' is not valid: ");
        assertThatThrownBy(() -> WeekParity.fromKey("weekly"))
                .hasMessage("week parity must be any, odd or even, not 'weekly'");
    }

    @Test
    void aRuleThatNeverFiresGivesNothing() {
        assertThat(new FireTimes("0 0 8 30 2 *", PARIS, WeekParity.ANY).after(Instant.parse("2026-01-01T00:00:00Z"), 3))
                .isEmpty();
    }
}
