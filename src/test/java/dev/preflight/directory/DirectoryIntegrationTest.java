package dev.preflight.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.sandbox.DemoScenario;
import dev.preflight.sandbox.Sandbox;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Against the sandbox's LDAP server (UnboundID in-memory) over a real socket. */
class DirectoryIntegrationTest {

    static DirectoryProperties properties(Sandbox sandbox, String password) {
        Sandbox.Endpoints e = sandbox.endpoints();
        return new DirectoryProperties(
                URI.create(e.ldapUrl()),
                e.credentials().ldapBindDn(),
                password,
                e.credentials().ldapBaseDn(),
                false,
                false,
                "(mail={0})",
                "(displayName={0})",
                "extensionAttribute1",
                2,
                Duration.ofSeconds(5));
    }

    @Test
    void findsPeopleByMailNameAndJiraAccount() {
        try (Sandbox sandbox = Sandbox.start(DemoScenario.load());
                Directory directory = new Directory(
                        properties(sandbox, sandbox.endpoints().credentials().ldapPassword()))) {
            assertThat(directory.byMail("Alice@Example.com"))
                    .contains(new DirectoryEntry("alice@example.com", "amartin@corp.example.com", "Alice Martin"));
            assertThat(directory.byDisplayName("Heidi Laine"))
                    .get()
                    .extracting(DirectoryEntry::mail)
                    .isEqualTo("heidi@example.com");
            assertThat(directory.byAccountId("5b10a2844c20165700000008"))
                    .get()
                    .extracting(DirectoryEntry::mail)
                    .isEqualTo("heidi@example.com");
            assertThat(directory.byMail("nobody@example.com")).isEmpty();
            assertThat(directory.byDisplayName("*"))
                    .as("filter values are escaped")
                    .isEmpty();
            assertThat(directory.verify()).startsWith("connected");
        }
    }

    @Test
    void aWrongPasswordIsNamedWithoutThePassword() {
        try (Sandbox sandbox = Sandbox.start(DemoScenario.load())) {
            assertThatThrownBy(() -> new Directory(properties(sandbox, "hunter2")))
                    .isInstanceOf(Directory.DirectoryException.class)
                    .hasMessageStartingWith("directory: cannot connect to 127.0.0.1")
                    .message()
                    .doesNotContain("hunter2");
        }
    }
}
