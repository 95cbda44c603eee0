package dev.preflight.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.check.AssigneeRow;
import dev.preflight.check.Finding;
import dev.preflight.check.ReleaseReport;
import dev.preflight.sandbox.DemoScenario;
import dev.preflight.sandbox.Sandbox;
import dev.preflight.sandbox.Scenario;
import dev.preflight.sandbox.ScenarioGenerator;
import dev.preflight.sandbox.ScenarioLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The whole check with its real connectors against the strict simulators. */
class ReleaseReporterIntegrationTest {

    private static CheckRequest everything(String release) {
        return new CheckRequest("ET", release, EnumSet.noneOf(CheckRequest.Step.class));
    }

    @Test
    void anAbsentAssigneeIsFoundThroughLuccasOwnerFilter() {
        try (Sandbox sandbox = Sandbox.start(DemoScenario.load())) {
            ReleaseReport report =
                    SandboxReporters.reporter(sandbox, 4).run(everything("H3-2026.7"), CheckProgress.silent());

            assertThat(report.byAssignee())
                    .filteredOn(row -> row.assignee().equals("dave@example.com"))
                    .singleElement()
                    .satisfies(dave -> {
                        assertThat(dave.absent()).isTrue();
                        assertThat(dave.recipients()).containsExactly("bob@example.com", "carol@example.com");
                    });
            assertThat(report.notes()).noneMatch(note -> note.contains("absences unknown"));
        }
    }

    @Test
    void aReleaseJiraDoesNotHaveChangesNothingOnThePackagingServer() {
        try (Sandbox sandbox = Sandbox.start(DemoScenario.load())) {
            int changeRequests = sandbox.packagingChangeRequests().size();

            assertThatThrownBy(() ->
                            SandboxReporters.reporter(sandbox, 4).run(everything("H3-2099.1"), CheckProgress.silent()))
                    .isInstanceOf(CheckFailedException.class)
                    .hasMessageContaining("release H3-2099.1 is not a version of Jira project ET");
            assertThat(sandbox.packagingResyncs()).isZero();
            assertThat(sandbox.packagingChangeRequests()).hasSize(changeRequests);
        }
    }

    @Test
    void aReleaseThePackagingServerDoesNotHaveIsSaidBeforeAnyResync() {
        Scenario demo = DemoScenario.load();
        Scenario withoutRelease = new Scenario(
                demo.format(),
                demo.jira(),
                demo.users(),
                new Scenario.Packaging(
                        demo.packaging().project(),
                        demo.packaging().releasePrefix(),
                        demo.packaging().releases().stream()
                                .filter(r -> !r.name().equals("2026.8"))
                                .toList(),
                        demo.packaging().tickets(),
                        demo.packaging().changeRequests(),
                        demo.packaging().packages()),
                demo.absences(),
                demo.latencyMs(),
                demo.faults(),
                demo.endpoints());
        try (Sandbox sandbox = Sandbox.start(withoutRelease)) {
            assertThatThrownBy(() ->
                            SandboxReporters.reporter(sandbox, 4).run(everything("H3-2026.8"), CheckProgress.silent()))
                    .isInstanceOf(CheckFailedException.class)
                    .hasMessageContaining("not a release of project ET on the packaging server");
            assertThat(sandbox.packagingResyncs()).isZero();
        }
    }

    /** 2,000 tickets, 20 bulk fetches: two of them meet a dropped connection and are sent again. */
    @Test
    void aLargeCheckSurvivesTwoResetConnectionsWithTheSameResult() {
        byte[] generated = new ScenarioGenerator(7)
                .generate(ScenarioGenerator.Mix.typical(2000))
                .getBytes(StandardCharsets.UTF_8);
        Scenario scenario = new ScenarioLoader().parse(new ByteArrayInputStream(generated), "generated");
        CheckRequest request = new CheckRequest("ET", null, EnumSet.of(CheckRequest.Step.RESYNC));
        ReleaseReport clean;
        try (Sandbox sandbox = Sandbox.start(scenario)) {
            clean = SandboxReporters.reporter(sandbox, 8).run(request, CheckProgress.silent());
        }
        ReleaseReport reset;
        try (Sandbox sandbox = Sandbox.start(scenario)) {
            int changeRequests = sandbox.packagingChangeRequests().size();
            sandbox.inject(
                    new Scenario.Fault("jira", null, null, 2, "reset", null, "POST /rest/api/3/issue/bulkfetch"));
            reset = SandboxReporters.reporter(sandbox, 8).run(request, CheckProgress.silent());
            assertThat(sandbox.packagingChangeRequests()).as("no probe left").hasSize(changeRequests);
        }

        assertThat(clean.findings()).hasSizeGreaterThan(500);
        // the same findings (links differ only by the sandbox's port)
        assertThat(reset.findings())
                .map(ReleaseReporterIntegrationTest::withoutLink)
                .isEqualTo(clean.findings().stream()
                        .map(ReleaseReporterIntegrationTest::withoutLink)
                        .toList());
        assertThat(reset.byAssignee())
                .map(AssigneeRow::toString)
                .isEqualTo(
                        clean.byAssignee().stream().map(AssigneeRow::toString).toList());
        assertThat(reset.summary()).isEqualTo(clean.summary());
    }

    private static String withoutLink(Finding finding) {
        return finding.ticket() + " " + finding.category() + " " + finding.assignee() + " " + finding.detail();
    }
}
