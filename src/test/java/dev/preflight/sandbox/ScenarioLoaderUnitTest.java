package dev.preflight.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScenarioLoaderUnitTest {

    private static Scenario parse(String json) {
        return new ScenarioLoader().parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "s.json");
    }

    private static String demo() throws Exception {
        return Files.readString(DemoScenario.FILE);
    }

    @Test
    void theDemoIsRich() {
        Scenario demo = DemoScenario.load();
        assertThat(demo.jira().issues()).hasSizeGreaterThanOrEqualTo(60);
        assertThat(demo.jira().issues().stream()
                        .map(Scenario.Issue::assignee)
                        .distinct()
                        .count())
                .isGreaterThanOrEqualTo(6);
    }

    @Test
    void errorsNameTheJsonPath() throws Exception {
        assertThatThrownBy(() -> parse(demo().replaceFirst("\"releaseDate\"", "\"releaseDay\"")))
                .hasMessage("scenario s.json: unknown key at $.jira.versions[0].releaseDay");
        assertThatThrownBy(() -> parse(
                        demo().replaceFirst("\"statusCategory\": \"indeterminate\"", "\"statusCategory\": \"wip\"")))
                .hasMessage(
                        "scenario s.json: $.jira.issues[0].statusCategory must be new, indeterminate or done, found \"wip\"");
        assertThatThrownBy(() -> parse(demo().replaceFirst(
                                "\"assignee\": \"alice@example.com\"", "\"assignee\": \"zed@example.com\"")))
                .hasMessage("scenario s.json: $.jira.issues[0].assignee names no user of $.users: \"zed@example.com\"");
        assertThatThrownBy(() -> parse(demo().replaceFirst("\"released\": true", "\"released\": \"maybe\"")))
                .hasMessageStartingWith("scenario s.json: invalid value at $.jira.versions[0].released");
        assertThatThrownBy(() -> parse("{\"format\": \"preflight-scenario/2\"}"))
                .hasMessage(
                        "scenario s.json: $.format must be \"preflight-scenario/1\", found \"preflight-scenario/2\"");
        assertThatThrownBy(() -> parse("[1,2")).hasMessageStartingWith("scenario s.json: invalid value at $");
    }

    @Test
    void aGeneratedScenarioOf10000IssuesLoadsQuickly() {
        String json = new ScenarioGenerator(42).generate(ScenarioGenerator.Mix.typical(10_000));
        Instant start = Instant.now();
        Scenario scenario = parse(json);
        // not a timing assertion: the bench measures speed; this only proves the size is accepted
        assertThat(scenario.jira().issues()).hasSize(10_000);
        assertThat(Duration.between(start, Instant.now())).isPositive();
    }
}
