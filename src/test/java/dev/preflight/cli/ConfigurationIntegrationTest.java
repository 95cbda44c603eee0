package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Settings are validated at start-up: one line naming the setting and its variable. */
class ConfigurationIntegrationTest {

    @Test
    void aMissingSettingStopsWithOneLineNamingIt() {
        CliRun run = CliRun.of("check", "--project", "ET", "--quiet");

        assertThat(run.exitCode()).isEqualTo(PreflightCli.USAGE);
        assertThat(run.err().strip())
                .hasLineCount(1)
                .matches("preflight: configuration: preflight\\.[a-z.-]+ .*\\(set PREFLIGHT_[A-Z_]+\\)");
    }

    @Test
    void anInvalidSettingIsNamed() {
        System.setProperty("preflight.check.severity.unready", "catastrophic");
        try {
            CliRun run =
                    CliRun.of("check", "--project", "ET", "--quiet", "--sandbox", CheckCommandIntegrationTest.DEMO);

            assertThat(run.exitCode()).isEqualTo(PreflightCli.USAGE);
            assertThat(run.err().strip())
                    .hasLineCount(1)
                    .contains("preflight.check.severity.unready")
                    .contains("unknown severity 'catastrophic'");
        } finally {
            System.clearProperty("preflight.check.severity.unready");
        }
    }
}
