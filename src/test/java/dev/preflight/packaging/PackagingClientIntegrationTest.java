package dev.preflight.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.check.PackageVersion;
import dev.preflight.check.PackagingRelease;
import dev.preflight.sandbox.DemoScenario;
import dev.preflight.sandbox.Sandbox;
import dev.preflight.sandbox.Scenario;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class PackagingClientIntegrationTest {

    static PackagingProperties properties(String url, String password, int pageSize) {
        return new PackagingProperties(
                URI.create(url),
                "preflight",
                password,
                pageSize,
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                Duration.ofSeconds(5),
                Duration.ofMillis(50),
                Map.of("ET", "H3-"),
                new PackagingProperties.Managed(
                        false,
                        List.of(),
                        null,
                        null,
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(5),
                        new PackagingProperties.Jdk(null, null, java.nio.file.Path.of(".preflight/jdk")),
                        null));
    }

    static PackagingClient client(Sandbox sandbox, int pageSize) {
        return new PackagingClient(
                properties(
                        sandbox.endpoints().packagingUrl(),
                        sandbox.endpoints().credentials().packagingPassword(),
                        pageSize),
                JsonMapper.builder().build());
    }

    @Test
    void readsTicketsPageByPageAndChangeRequests() {
        try (Sandbox sandbox = Sandbox.start(DemoScenario.load())) {
            PackagingClient packaging = client(sandbox, 25);

            List<PackagingRelease.Ticket> tickets = packaging.tickets("ET", "2026.7");

            assertThat(tickets).hasSize(61);
            assertThat(tickets)
                    .extracting(PackagingRelease.Ticket::key)
                    .doesNotHaveDuplicates()
                    .contains("ET-170", "ET-171");
            assertThat(packaging.changeRequests("ET", "2026.7")).hasSize(62);
            assertThat(packaging.releases("ET")).containsExactly("2026.6", "2026.7", "2026.8");
            assertThat(packaging.packages(List.of("SIX-QTI-TRX", "NOPE"))).containsOnlyKeys("SIX-QTI-TRX");
        }
    }

    @Test
    void logsInAgainOnceWhenTheTokenExpires() {
        try (Sandbox sandbox = Sandbox.start(DemoScenario.load())) {
            PackagingClient packaging = client(sandbox, 500);
            packaging.releases("ET");
            sandbox.expirePackagingTokens();

            assertThat(packaging.releases("ET")).hasSize(3);
        }
    }

    @Test
    void wrongCredentialsAreNamedWithoutThePassword() {
        try (Sandbox sandbox = Sandbox.start(DemoScenario.load())) {
            PackagingClient packaging = new PackagingClient(
                    properties(sandbox.endpoints().packagingUrl(), "s3cret!", 500),
                    JsonMapper.builder().build());

            assertThatThrownBy(() -> packaging.releases("ET"))
                    .hasMessage("packaging server: POST /api/v1/auth/token answered 401: wrong credentials (check"
                            + " PREFLIGHT_PACKAGING_USER and PREFLIGHT_PACKAGING_PASSWORD)")
                    .message()
                    .doesNotContain("s3cret!");
        }
    }

    @Test
    void resyncWaitsForTheJob() {
        try (Sandbox sandbox = Sandbox.start(DemoScenario.load())) {
            client(sandbox, 500).resync("ET", "2026.7");
        }
    }

    @Test
    void anUnknownReleaseIsSaid() {
        try (Sandbox sandbox = Sandbox.start(DemoScenario.load())) {
            assertThatThrownBy(() -> client(sandbox, 500).tickets("ET", "2099.1"))
                    .hasMessageContaining("answered 404: unknown project or release");
        }
    }

    @Test
    void theProbeRevealsOutdatedPackagesAndIsDeleted() {
        try (Sandbox sandbox = Sandbox.start(DemoScenario.load())) {
            PackagingClient packaging = client(sandbox, 500);
            PackagingRelease release = new PackagingRelease(
                    "2026.7", packaging.tickets("ET", "2026.7"), packaging.changeRequests("ET", "2026.7"));
            int before = sandbox.packagingChangeRequests().size();

            var outdated = new OutdatedPackageProbe(packaging).outdated("ET", "2026.7", release);

            assertThat(outdated)
                    .extracting(w -> w.name() + " " + w.version() + " < " + w.latest())
                    .containsExactlyInAnyOrder("SIX-QTI-TRX 0.12.0 < 0.13.0", "SIX-RISK-ENGINE 2.3 < 2.4.1");
            assertThat(sandbox.packagingChangeRequests()).hasSize(before);
        }
    }

    /**
     * The server creates the probe, then its answer is lost (garbled, or the connection drops):
     * the probe is found by its label and deleted before one more creation, so the check still
     * gets its warnings and leaves nothing behind.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"garbage-after-handling", "reset-after-handling"})
    void aLostCreationAnswerIsLookedUpByLabelBeforeCreatingAgain(String kind) {
        try (Sandbox sandbox = Sandbox.start(DemoScenario.load())) {
            PackagingClient packaging = client(sandbox, 500);
            PackagingRelease release = new PackagingRelease(
                    "2026.7", packaging.tickets("ET", "2026.7"), packaging.changeRequests("ET", "2026.7"));
            int before = sandbox.packagingChangeRequests().size();
            sandbox.inject(new Scenario.Fault(
                    "packaging",
                    null,
                    null,
                    1,
                    kind,
                    null,
                    "POST /api/v1/projects/ET/releases/2026.7/change-requests"));

            var outdated = new OutdatedPackageProbe(packaging).outdated("ET", "2026.7", release);

            assertThat(outdated).hasSize(2);
            assertThat(sandbox.packagingChangeRequests()).hasSize(before);
            assertThat(packaging.changeRequests("ET", "2026.7"))
                    .filteredOn(OutdatedPackageProbe::isProbe)
                    .isEmpty();
        }
    }

    @Test
    void aProbeLeftByACrashedRunIsDeletedAsAnOrphan() {
        try (Sandbox sandbox = Sandbox.start(DemoScenario.load())) {
            PackagingClient packaging = client(sandbox, 500);
            sandbox.leaveOrphanProbe("2026.7", OutdatedPackageProbe.LABEL_PREFIX + "-crashed");

            List<PackagingRelease.ChangeRequest> now = packaging.changeRequests("ET", "2026.7");

            assertThat(new OutdatedPackageProbe(packaging).deleteOrphans(now)).isEqualTo(1);
            assertThat(packaging.changeRequests("ET", "2026.7"))
                    .filteredOn(OutdatedPackageProbe::isProbe)
                    .isEmpty();
        }
    }

    @Test
    void aProbeFailureAfterCreationStillDeletesIt() {
        try (Sandbox sandbox = Sandbox.start(DemoScenario.load())) {
            PackagingClient packaging = client(sandbox, 500);
            int before = sandbox.packagingChangeRequests().size();
            OutdatedPackageProbe probe = new OutdatedPackageProbe(packaging);
            PackagingRelease release = new PackagingRelease(
                    "2026.7",
                    packaging.tickets("ET", "2026.7"),
                    List.of(new PackagingRelease.ChangeRequest(
                            "CR-X", "ET-101", "", true, List.of(new PackageVersion("SIX-QTI-TRX", "0.12.0")))));

            assertThat(probe.outdated("ET", "2026.7", release)).hasSize(1);
            assertThat(sandbox.packagingChangeRequests()).hasSize(before);
        }
    }
}
