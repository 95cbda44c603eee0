package dev.preflight.absence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.sandbox.DemoScenario;
import dev.preflight.sandbox.Sandbox;
import dev.preflight.sandbox.Scenario;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class AbsenceCalendarIntegrationTest {

    private static final LocalDate MONDAY = LocalDate.parse("2026-11-23");

    @Test
    void halfDaysAndCancelledLeavesAreRespected() {
        Scenario demo = DemoScenario.load();
        Scenario scenario = new Scenario(
                demo.format(),
                demo.jira(),
                demo.users(),
                demo.packaging(),
                List.of(
                        new Scenario.Absence("alice@example.com", MONDAY, MONDAY, "am", null),
                        new Scenario.Absence("bob@example.com", MONDAY.minusDays(2), MONDAY.plusDays(2), null, null),
                        new Scenario.Absence("carol@example.com", MONDAY, MONDAY, null, true)),
                demo.latencyMs(),
                demo.faults());
        try (Sandbox sandbox = Sandbox.start(scenario)) {
            AbsenceCalendar calendar = new AbsenceCalendar(
                    new AbsenceProperties(
                            URI.create(sandbox.endpoints().luccaUrl()),
                                    sandbox.endpoints().credentials().luccaKey(),
                            ZoneId.of("Europe/Paris"), Duration.ofSeconds(5)),
                    JsonMapper.builder().build());

            AbsenceCalendar.Absences away = calendar.absencesOn(
                    MONDAY, List.of("alice@example.com", "bob@example.com", "carol@example.com", "dave@example.com"));

            assertThat(away.isAbsent("alice@example.com", HalfDay.MORNING)).isTrue();
            assertThat(away.isAbsent("alice@example.com", HalfDay.AFTERNOON)).isFalse();
            assertThat(away.isAbsent("bob@example.com", HalfDay.AFTERNOON)).isTrue();
            assertThat(away.isAbsent("carol@example.com", HalfDay.MORNING))
                    .as("cancelled")
                    .isFalse();
            assertThat(away.isAbsent("dave@example.com", HalfDay.MORNING)).isFalse();
        }
    }
}
