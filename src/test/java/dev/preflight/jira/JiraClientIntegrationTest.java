package dev.preflight.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.check.JiraTicket;
import dev.preflight.check.StatusCategory;
import dev.preflight.sandbox.DemoScenario;
import dev.preflight.sandbox.Sandbox;
import dev.preflight.sandbox.Scenario;
import dev.preflight.upstream.UpstreamException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class JiraClientIntegrationTest {

    static JiraClient client(Sandbox sandbox, @Nullable String user, int pageSize, Duration retryBudget) {
        Sandbox.Endpoints e = sandbox.endpoints();
        return new JiraClient(
                new JiraProperties(
                        URI.create(e.jiraUrl()),
                        user,
                        e.credentials().jiraToken(),
                        new JiraProperties.Fields(
                                "customfield_10201",
                                "customfield_10202",
                                "customfield_10203",
                                "customfield_10204",
                                List.of("Done")),
                        pageSize,
                        4,
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(10),
                        retryBudget,
                        null),
                JsonMapper.builder().build());
    }

    @Test
    void readsAReleaseThroughIdPagesAndBulkFetches() {
        try (Sandbox sandbox = Sandbox.start(DemoScenario.load())) {
            JiraClient jira = client(sandbox, sandbox.endpoints().credentials().jiraUser(), 20, Duration.ofSeconds(5));

            List<JiraTicket> tickets = jira.releaseTickets("ET", "H3-2026.7", done -> {});

            assertThat(tickets).hasSize(64);
            // 64 ids in pages of 20 = 4 searches, then 1 bulk fetch of 64
            assertThat(jira.callCount()).isEqualTo(5);
            JiraTicket first = tickets.getFirst();
            assertThat(first.key()).isEqualTo("ET-101");
            assertThat(first.statusCategory()).isEqualTo(StatusCategory.INDETERMINATE);
            assertThat(first.assignee().email()).isEqualTo("alice@example.com");
            assertThat(first.qcAssignee().email()).isEqualTo("bob@example.com");
            assertThat(tickets)
                    .filteredOn(t -> t.key().equals("ET-107"))
                    .singleElement()
                    .satisfies(heidi -> {
                        assertThat(heidi.assignee().email())
                                .as("hidden by privacy settings")
                                .isNull();
                        assertThat(heidi.assignee().displayName()).isEqualTo("Heidi Laine");
                    });
            assertThat(tickets)
                    .filteredOn(t -> t.key().equals("ET-133"))
                    .singleElement()
                    .extracting(JiraTicket::declaredPackages)
                    .isEqualTo(List.of("SIX-MD-FEED 1.4", "SIX-MD-FEED 1.5"));
            assertThat(tickets)
                    .filteredOn(t -> t.key().equals("ET-150"))
                    .singleElement()
                    .extracting(JiraTicket::qcDone)
                    .isEqualTo(false);
        }
    }

    @Test
    void theNextReleaseIsTheSoonestUnreleasedVersion() {
        try (Sandbox sandbox = Sandbox.start(DemoScenario.load())) {
            JiraClient jira = client(sandbox, null, 5000, Duration.ofSeconds(5)); // bearer token

            assertThat(jira.nextUnreleasedVersion("ET"))
                    .get()
                    .extracting(JiraVersion::name)
                    .isEqualTo("H3-2026.7");
            assertThat(jira.unreleasedVersions("ET"))
                    .extracting(JiraVersion::name)
                    .containsExactly("H3-2026.7", "H3-2026.8");
        }
    }

    /** A load balancer drops idle pooled connections: a bulk fetch (a read sent as POST) is sent again. */
    @Test
    void aBulkFetchIsSentAgainAfterTheConnectionDrops() {
        try (Sandbox sandbox = DemoScenario.startWith(
                new Scenario.Fault("jira", null, null, 2, "reset", null, "POST /rest/api/3/issue/bulkfetch"))) {
            JiraClient jira =
                    client(sandbox, sandbox.endpoints().credentials().jiraUser(), 5000, Duration.ofSeconds(10));

            List<JiraTicket> tickets = jira.releaseTickets("ET", "H3-2026.7", done -> {});

            assertThat(tickets).hasSize(64);
            assertThat(jira.callCount()).isEqualTo(1 + 3);
        }
    }

    @Test
    void honoursRetryAfterOn429And503() {
        try (Sandbox sandbox = DemoScenario.startWith(
                new Scenario.Fault("jira", 429, 1, 2, null, null, null),
                new Scenario.Fault("jira", 503, null, 1, null, null, null))) {
            JiraClient jira =
                    client(sandbox, sandbox.endpoints().credentials().jiraUser(), 5000, Duration.ofSeconds(30));
            Instant start = Instant.now();

            List<JiraTicket> tickets = jira.releaseTickets("ET", "H3-2026.7", done -> {});

            assertThat(tickets).hasSize(64);
            assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(jira.callCount()).isEqualTo(2 + 3);
        }
    }

    @Test
    void givesUpWithinItsBudgetNamingTheEndpointAndTheLastStatus() {
        try (Sandbox sandbox = DemoScenario.startWith(new Scenario.Fault("jira", 429, 1, 100, null, null, null))) {
            JiraClient jira =
                    client(sandbox, sandbox.endpoints().credentials().jiraUser(), 5000, Duration.ofSeconds(3));

            assertThatThrownBy(() -> jira.releaseTickets("ET", "H3-2026.7", done -> {}))
                    .isInstanceOf(UpstreamException.class)
                    .hasMessageStartingWith("Jira: GET /rest/api/3/search/jql answered 429: gave up after");
        }
    }

    @Test
    void wrongCredentialsAreOneClearLineWithoutTheToken() {
        try (Sandbox sandbox = Sandbox.start(DemoScenario.load())) {
            Sandbox.Endpoints e = sandbox.endpoints();
            JiraClient jira = new JiraClient(
                    new JiraProperties(
                            URI.create(e.jiraUrl()),
                            "x@example.com",
                            "wrong-token",
                            new JiraProperties.Fields("a", "b", "c", null, List.of("Done")),
                            5000,
                            4,
                            Duration.ofSeconds(2),
                            Duration.ofSeconds(5),
                            Duration.ofSeconds(5),
                            null),
                    JsonMapper.builder().build());

            assertThatThrownBy(jira::whoAmI)
                    .hasMessage(
                            "Jira: GET /rest/api/3/myself answered 401: not authorised (check PREFLIGHT_JIRA_USER and"
                                    + " PREFLIGHT_JIRA_TOKEN)")
                    .message()
                    .doesNotContain("wrong-token");
        }
    }

    @Test
    void garbageInsteadOfJsonIsNamed() {
        try (Sandbox sandbox =
                DemoScenario.startWith(new Scenario.Fault("jira", null, null, 1, "garbage", null, null))) {
            JiraClient jira =
                    client(sandbox, sandbox.endpoints().credentials().jiraUser(), 5000, Duration.ofSeconds(3));

            assertThatThrownBy(jira::whoAmI).hasMessageContaining("answered something that is not JSON");
        }
    }
}
