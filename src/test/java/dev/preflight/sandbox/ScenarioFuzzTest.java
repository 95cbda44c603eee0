package dev.preflight.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;

/**
 * Any bytes given as a scenario file are read or refused with a one-line ScenarioException:
 * never another exception, never a hang. Runs its seeds with the tests; fuzzes on demand with
 * {@code JAZZER_FUZZ=1 ./mvnw test -Dtest=ScenarioFuzzTest -Djazzer.hooks=true}.
 */
class ScenarioFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void anyScenarioFileIsReadOrRefusedInOneLine(byte[] input) {
        try {
            new ScenarioLoader().parse(new ByteArrayInputStream(input), "fuzzed.json");
        } catch (ScenarioException refused) {
            assertThat(refused.getMessage()).isNotBlank().doesNotContain("\n");
        }
    }
}
