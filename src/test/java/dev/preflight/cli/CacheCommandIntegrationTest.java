package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** preflight cache: lifetimes set and read back from the database, entries cleared, bad input one line. */
class CacheCommandIntegrationTest {

    @Test
    void aLifetimeIsSetListedAndTheTypeCleared() {
        CliRun set = CliRun.of("cache", "set", "packaging.packages", "--ttl", "2h", "--store", "true");
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.out()).contains("packaging.packages: ttl PT2H, store true");

        CliRun listed = CliRun.of("cache", "list");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out())
                .containsPattern("packaging\\.packages +PT2H +true +false +cli:")
                .containsPattern("directory\\.people +PT1H +false +true +\\(configured default\\)")
                .containsPattern("absences +PT1H +false +true");

        assertThat(CliRun.of("cache", "clear", "packaging.packages").out())
                .contains("packaging.packages: entries dropped");
        assertThat(CliRun.of("cache", "set", "packaging.packages", "--ttl", "1d")
                        .exitCode())
                .isZero();
    }

    @Test
    void badInputIsOneLine() {
        assertThat(CliRun.of("cache", "set", "jira.tickets", "--ttl", "1h")
                        .err()
                        .strip())
                .startsWith("preflight: cache type: 'jira.tickets' is not one of jira.versions");
        assertThat(CliRun.of("cache", "set", "jira.versions", "--ttl", "forever")
                        .err()
                        .strip())
                .isEqualTo("preflight: ttl: 'forever' is not a lifetime (examples: PT10M, 10m, 1h, 1d)");
        assertThat(CliRun.of("cache", "set", "jira.versions").err().strip())
                .isEqualTo("preflight: give --ttl, --store or both");
    }
}
