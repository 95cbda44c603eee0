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

    private static AbsenceCalendar calendar(Sandbox sandbox) {
        return new AbsenceCalendar(
                new AbsenceProperties(
                        URI.create(sandbox.endpoints().luccaUrl()),
                        sandbox.endpoints().credentials().luccaKey(),
                        ZoneId.of("Europe/Paris"),
                        Duration.ofSeconds(5)),
                JsonMapper.builder().build());
    }

    /**
     * 1,250 users (more than one page of Lucca's 1,000) and 250 people asked about (three batches
     * of owners): every absence is found, none is lost to paging or to the owner filter.
     */
    @Test
    void manyUsersAndOwnersArePagedAndBatched() {
        Scenario demo = DemoScenario.load();
        List<Scenario.User> users = new java.util.ArrayList<>();
        List<Scenario.Absence> absences = new java.util.ArrayList<>();
        List<String> asked = new java.util.ArrayList<>();
        for (int i = 0; i < 1250; i++) {
            String email = "person" + i + "@example.com";
            users.add(new Scenario.User(email, "Person " + i, "acc-" + i, null, null));
            if (i % 5 == 0) {
                asked.add(email);
                if (i % 10 == 0) {
                    absences.add(new Scenario.Absence(email, MONDAY, MONDAY, null, null));
                }
            }
        }
        Scenario many = new Scenario(
                demo.format(), demo.jira(), users, demo.packaging(), absences, demo.latencyMs(), demo.faults());
        try (Sandbox sandbox = Sandbox.start(many)) {
            AbsenceCalendar.Absences away = calendar(sandbox).absencesOn(MONDAY, asked);

            assertThat(away.halfDays()).hasSize(125);
            assertThat(away.isAbsent("person1240@example.com", HalfDay.AFTERNOON))
                    .as("a user past the first page of 1,000")
                    .isTrue();
            assertThat(away.isAbsent("person1245@example.com", HalfDay.MORNING)).isFalse();
            // users: 2 pages; leaves: 3 batches of owners, one page each
            assertThat(sandbox.requestCount("lucca")).isEqualTo(5);
        }
    }

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
            AbsenceCalendar calendar = calendar(sandbox);

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
