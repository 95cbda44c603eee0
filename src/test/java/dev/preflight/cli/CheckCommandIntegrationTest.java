package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The CLI end to end against the demo scenario served by an in-process sandbox over sockets. */
class CheckCommandIntegrationTest {

    static final String DEMO = "src/main/resources/scenarios/demo.json";

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theDemoReportHoldsExactlyTheFindingsTheScenarioWasDesignedWith() {
        CliRun run = CliRun.of("check", "--project", "ET", "--sandbox", DEMO, "--format", "json", "--quiet");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = json.readTree(run.out());
        assertThat(report.path("format").asString()).isEqualTo("preflight-report/1");
        assertThat(report.path("release").asString()).isEqualTo("H3-2026.7");
        assertThat(report.path("packagingRelease").asString()).isEqualTo("2026.7");
        assertThat(report.path("status").asString()).isEqualTo("success");

        Map<String, List<String>> byCategory = new TreeMap<>();
        report.path("findings")
                .forEach(f -> byCategory
                        .computeIfAbsent(f.path("category").asString(), c -> new ArrayList<>())
                        .add(f.path("ticket").asString()));
        assertThat(byCategory)
                .containsOnly(
                        Map.entry("missingInPackaging", List.of("ET-160", "ET-161", "ET-162", "ET-163", "ET-164")),
                        Map.entry("missingInJira", List.of("ET-170", "ET-171")),
                        Map.entry("invalidFixVersion", List.of("ET-110", "ET-111")),
                        Map.entry("disabledChangeRequest", List.of("ET-120", "ET-121")),
                        Map.entry("invalidPackage", List.of("ET-130", "ET-131", "ET-132", "ET-133")),
                        Map.entry("outdatedPackage", List.of("ET-140", "ET-141", "ET-142")),
                        Map.entry(
                                "unready",
                                List.of(
                                        "ET-101", "ET-102", "ET-104", "ET-108", "ET-113", "ET-117", "ET-122", "ET-126",
                                        "ET-129", "ET-134", "ET-137", "ET-145", "ET-149", "ET-150", "ET-152", "ET-155",
                                        "ET-158")));
        JsonNode summary = report.path("summary");
        assertThat(summary.toString())
                .isEqualTo("{\"missingInPackaging\":5,\"missingInJira\":2,\"invalidFixVersion\":2,"
                        + "\"disabledChangeRequest\":2,\"invalidPackage\":4,\"outdatedPackage\":2,\"unready\":17}");
        assertThat(report.path("outdatedPackages").toString())
                .isEqualTo(
                        "[{\"name\":\"SIX-QTI-TRX\",\"version\":\"0.12.0\",\"latest\":\"0.13.0\",\"tickets\":[\"ET-140\",\"ET-141\"]},"
                                + "{\"name\":\"SIX-RISK-ENGINE\",\"version\":\"2.3\",\"latest\":\"2.4.1\",\"tickets\":[\"ET-142\"]}]");

        JsonNode dave = row(report, "dave@example.com");
        assertThat(dave.path("absent").asBoolean()).isTrue();
        assertThat(dave.path("notify").toString()).isEqualTo("[\"bob@example.com\",\"carol@example.com\"]");
        // Heidi's e-mail is hidden in Jira: found in the directory through her Jira account id
        JsonNode heidi = row(report, "heidi@example.com");
        assertThat(heidi.path("notify").toString()).isEqualTo("[\"heidi@example.com\"]");
        assertThat(report.path("notes").isEmpty()).isTrue();
        assertThat(report.path("verdict").toString())
                .isEqualTo("{\"ready\":false,\"blocking\":11,\"semiBlocking\":7,\"minor\":17,"
                        + "\"headline\":\"Not ready — 11 blocking, 7 semi-blocking, 17 minor\"}");
        assertThat(report.path("findings").get(0).path("url").asString()).endsWith("/browse/ET-101");
    }

    private static JsonNode row(JsonNode report, String assignee) {
        for (JsonNode row : report.path("byAssignee")) {
            if (row.path("assignee").asString().equals(assignee)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + assignee + " in " + report.path("byAssignee"));
    }

    @Test
    void theTableGroupsByAssigneeAndFailOnGivesExitCodeOne() {
        CliRun run = CliRun.of(
                "check",
                "--project",
                "ET",
                "--sandbox",
                DEMO,
                "--skip",
                "resync,outdated",
                "--fail-on",
                "missingInPackaging");

        assertThat(run.exitCode()).isEqualTo(PreflightCli.FINDINGS);
        assertThat(run.out().lines().findFirst())
                .as("the verdict is the first line")
                .hasValue("Not ready — 11 blocking, 4 semi-blocking, 17 minor");
        assertThat(run.out())
                .contains(
                        "User",
                        "Missing in packaging",
                        "Invalid FV",
                        "Disabled CRs",
                        "Invalid packages",
                        "Unready",
                        "Dave Leroy (absent) -> bob@example.com, carol@example.com",
                        "outdated-package probe skipped");
        assertThat(run.err()).contains("preflight: Running the checks").doesNotContain("Resyncing");
    }

    @Test
    void withoutAReleaseTheNextUnreleasedVersionIsChecked() {
        CliRun run = CliRun.of("latest", "--project", "ET", "--sandbox", DEMO);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Jira:      ET H3-2026.7 on 2026-12-04")
                .contains("Packaging: ET 2026.7 (exists)");
    }

    @Test
    void markdownAndJunitFormats() {
        CliRun markdown = CliRun.of("check", "--project", "ET", "--sandbox", DEMO, "--format", "markdown", "--quiet");
        CliRun junit = CliRun.of(
                "check", "--project", "ET", "--sandbox", DEMO, "--format", "junit", "--quiet", "--fail-on", "unready");

        assertThat(markdown.out())
                .startsWith("# ET - H3-2026.7: Not ready — 11 blocking, 7 semi-blocking, 17 minor\n")
                .contains("| Missing in packaging | 5 |")
                .contains("&lt;script&gt;")
                .doesNotContain("<script>");
        assertThat(junit.exitCode()).isEqualTo(PreflightCli.FINDINGS);
        assertThat(junit.out()).contains("<testsuite name=\"unready\" tests=\"17\" failures=\"17\" skipped=\"0\">");
    }

    @Test
    void anUnknownReleaseOrProjectIsAUsageError() {
        CliRun release = CliRun.of("check", "--project", "ET", "--release", "H3-2099.1", "--sandbox", DEMO, "--quiet");
        CliRun project = CliRun.of("check", "--project", "XX", "--sandbox", DEMO, "--quiet");

        assertThat(release.exitCode()).isEqualTo(PreflightCli.USAGE);
        assertThat(release.err().strip()).hasLineCount(1).contains("H3-2099.1");
        assertThat(project.exitCode()).isEqualTo(PreflightCli.USAGE);
        assertThat(project.err().strip()).hasLineCount(1).contains("No project could be found with key 'XX'");
    }

    @Test
    void badUsageAndBadScenariosAreOneLineAndExitTwo(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, Files.readString(Path.of(DEMO)).replaceFirst("\"summary\"", "\"summry\""));

        CliRun unknownKey = CliRun.of("check", "--project", "ET", "--sandbox", broken.toString());
        CliRun badFormat = CliRun.of("check", "--format", "pdf");
        CliRun badCategory = CliRun.of("check", "--project", "ET", "--sandbox", DEMO, "--fail-on", "typo");
        CliRun missing = CliRun.of(
                "check",
                "--project",
                "ET",
                "--sandbox",
                dir.resolve("none.json").toString());

        assertThat(unknownKey.exitCode()).isEqualTo(PreflightCli.USAGE);
        assertThat(unknownKey.err().strip())
                .isEqualTo("preflight: scenario " + broken + ": unknown key at $.jira.issues[0].summry");
        assertThat(badFormat.exitCode()).isEqualTo(PreflightCli.USAGE);
        assertThat(badCategory.exitCode()).isEqualTo(PreflightCli.USAGE);
        assertThat(badCategory.err()).contains("unknown category 'typo'");
        assertThat(missing.err().strip()).endsWith("none.json: no such file");
    }

    @Test
    void anUpstreamThatAnswersHtmlIsExitThreeWithOneLine(@TempDir Path dir) throws IOException {
        Path scenario = dir.resolve("html.json");
        Files.writeString(
                scenario,
                Files.readString(Path.of(DEMO))
                        .replace(
                                "\"faults\": []",
                                "\"faults\": [{\"target\": \"packaging\", \"kind\": \"html\", \"times\": 100}]"));

        CliRun run = CliRun.of("check", "--project", "ET", "--sandbox", scenario.toString(), "--quiet");

        assertThat(run.exitCode()).isEqualTo(PreflightCli.UPSTREAM);
        assertThat(run.err().strip())
                .hasLineCount(1)
                .contains("packaging server")
                .contains("HTML page instead of JSON");
    }
}
