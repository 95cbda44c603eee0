package dev.preflight.sandbox;

import java.nio.file.Path;

/** The demo scenario, as tests load it. */
public final class DemoScenario {

    public static final Path FILE = Path.of("src/main/resources/scenarios/demo.json");

    private DemoScenario() {}

    public static Scenario load() {
        return new ScenarioLoader().load(FILE);
    }

    /** The demo scenario with this latency (milliseconds per call, by target: jira, packaging, lucca, sources). */
    public static Scenario withLatency(java.util.Map<String, Integer> latencyMs) {
        return load().withLatency(latencyMs);
    }

    /** The demo scenario with these faults armed from the start. */
    public static Sandbox startWith(Scenario.Fault... faults) {
        return Sandbox.start(load().withFaults(java.util.List.of(faults)));
    }
}
