package dev.preflight.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimesUnitTest {

    private static final Instant NOW = Instant.parse("2026-11-24T08:30:00Z");
    private final Times times = new Times(ZoneId.of("Asia/Hong_Kong"), Optional.of(Clock.fixed(NOW, ZoneOffset.UTC)));

    @Test
    void exactTimesAreInTheTeamsZoneInOneFormat() {
        assertThat(times.exact(NOW)).isEqualTo("Tue 24 Nov 2026, 16:30:00 HKT");
        assertThat(times.exact((Instant) null)).isEmpty();
    }

    @Test
    void relativeTimesReadLikeSpeech() {
        assertThat(times.ago(NOW.minusSeconds(10))).isEqualTo("just now");
        assertThat(times.ago(NOW.minusSeconds(180))).isEqualTo("3 min ago");
        assertThat(times.ago(NOW.plusSeconds(7_200))).isEqualTo("in 2 h");
        assertThat(times.ago(NOW.minus(Duration.ofDays(1)))).isEqualTo("yesterday");
        assertThat(times.ago(NOW.minus(Duration.ofDays(5)))).isEqualTo("5 days ago");
        assertThat(times.ago(NOW.minus(Duration.ofDays(60)))).isEqualTo("25 Sep 2026");
    }

    @Test
    void durationsAreHuman() {
        assertThat(times.duration(Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(times.duration(Duration.ofMillis(12_400))).isEqualTo("12.4 s");
        assertThat(times.duration(Duration.ofSeconds(185))).isEqualTo("3 min 5 s");
        assertThat(times.duration(Duration.ofMinutes(62))).isEqualTo("1 h 2 min");
    }
}
