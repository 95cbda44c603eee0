package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** preflight users against the test data directory's database. */
class UsersCommandIntegrationTest {

    @Test
    void addListResetAndRemoveAnAccount() {
        String name = "user-" + UUID.randomUUID().toString().substring(0, 8);

        CliRun added = CliRun.of("users", "add", name, "--role", "read");
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).contains("added " + name + " (read)", "one-time password: ");
        assertThat(CliRun.of("users", "list").out()).containsPattern(name + " +read +must change password");

        CliRun reset = CliRun.of("users", "passwd", name);
        assertThat(reset.out()).contains("new one-time password for " + name);

        CliRun removed = CliRun.of("users", "remove", name);
        assertThat(removed.exitCode()).isZero();
        assertThat(CliRun.of("users", "list").out()).doesNotContain(name);
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        CliRun role = CliRun.of("users", "add", "someone", "--role", "admin");
        CliRun name = CliRun.of("users", "add", "bad name!", "--role", "read");
        CliRun missing = CliRun.of("users", "remove", "nobody-" + UUID.randomUUID());

        assertThat(role.exitCode()).isEqualTo(PreflightCli.USAGE);
        assertThat(role.err().strip()).isEqualTo("preflight: unknown role 'admin': use read or readwrite");
        assertThat(name.err().strip()).startsWith("preflight: account name 'bad name!' is not valid");
        assertThat(missing.err().strip()).startsWith("preflight: no account named 'nobody-");
    }
}
