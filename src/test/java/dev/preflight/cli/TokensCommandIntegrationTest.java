package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** preflight tokens: a token for automation, printed once, never more than its account's role. */
class TokensCommandIntegrationTest {

    @Test
    void aTokenIsCreatedListedAndRevokedWithoutABrowser() {
        String name = "robot-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(CliRun.of("users", "add", name, "--role", "read").exitCode()).isZero();

        CliRun created =
                CliRun.of("tokens", "create", name, "--name", "prometheus", "--days", "30", "--role", "readwrite");
        assertThat(created.exitCode()).as(created.err()).isZero();
        String token = created.out().strip();
        assertThat(token).startsWith("pft_").doesNotContain("\n");
        assertThat(created.err()).contains("token 'prometheus' for " + name + " (read)");

        CliRun listed = CliRun.of("tokens", "list", name);
        assertThat(listed.out()).containsPattern("prometheus +read .* active").doesNotContain(token);
        String id = listed.out().lines().skip(1).findFirst().orElseThrow().split(" ")[0];

        assertThat(CliRun.of("tokens", "revoke", name, id).out()).contains("revoked " + id);
        assertThat(CliRun.of("tokens", "list", name).out()).containsPattern("prometheus +read .* revoked");
        CliRun again = CliRun.of("tokens", "revoke", name, id);
        assertThat(again.exitCode()).isEqualTo(PreflightCli.USAGE);
        assertThat(again.err().strip()).startsWith("preflight: no active token");
    }

    @Test
    void badInputIsOneLine() {
        assertThat(CliRun.of("tokens", "create", "nobody-" + UUID.randomUUID(), "--name", "x")
                        .err()
                        .strip())
                .startsWith("preflight: no account named 'nobody-");
        assertThat(CliRun.of("tokens", "create", "admin", "--name", "x", "--days", "999")
                        .err()
                        .strip())
                .isEqualTo("preflight: --days: a token lives from 1 to 366 days, not 999");
        assertThat(CliRun.of("tokens", "revoke", "admin", "not-an-id").err().strip())
                .startsWith("preflight: ID: 'not-an-id' is not a token id");
    }
}
