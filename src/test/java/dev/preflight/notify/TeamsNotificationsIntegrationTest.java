package dev.preflight.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.history.ExecutionHistory;
import dev.preflight.history.ExecutionStatus;
import dev.preflight.history.LogLine;
import dev.preflight.run.CheckRuns;
import dev.preflight.run.Checks;
import dev.preflight.sandbox.DemoScenario;
import dev.preflight.sandbox.Sandbox;
import dev.preflight.sandbox.Scenario;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Delivery through the outbox to the sandbox's Teams sink, with injected faults. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class TeamsNotificationsIntegrationTest {

    static final Sandbox SANDBOX = Sandbox.start(DemoScenario.load());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SANDBOX.connectorProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("preflight.teams.timeout", () -> "2s");
        registry.add("preflight.teams.attempts", () -> "3");
        registry.add("preflight.teams.public-url", () -> "https://preflight.example");
    }

    @Autowired
    CheckRuns runs;

    @Autowired
    TeamsNotifications teams;

    @Autowired
    ExecutionHistory history;

    private final JsonMapper json = JsonMapper.builder().build();

    private CheckRuns.Outcome check() {
        return Checks.demo(runs, null);
    }

    private JsonNode lastPost() {
        return json.readTree(SANDBOX.teamsPosts().getLast().body());
    }

    @Test
    void theDemoReportReachesTheSinkWithMentionsAndTheThread() {
        CheckRuns.Outcome outcome = check();
        int before = SANDBOX.teamsPosts().size();
        ThreadLink thread =
                ThreadLink.parse("https://teams.microsoft.com/l/message/19%3Aabc%40thread.tacv2/1700000000001"
                        + "?tenantId=t&groupId=g&parentMessageId=1699999999999&teamName=Release&channelName=ET");

        TeamsNotifications.Delivery delivery = teams.notify(
                outcome.execution().id(),
                outcome.report(),
                new TeamsNotifications.Options(thread.rootMessageId(), true, false));

        assertThat(delivery.delivered()).isTrue();
        assertThat(SANDBOX.teamsPosts()).hasSize(before + 1);
        JsonNode post = lastPost();
        assertThat(post.path("replyToMessageId").asString()).isEqualTo("1699999999999");
        assertThat(post.path("idempotencyKey").asString())
                .isEqualTo(outcome.execution().id() + "-1");
        String card = post.path("attachments").get(0).path("content").toString();
        assertThat(card)
                .contains(
                        "ET - H3-2026.7",
                        "\"id\":\"amartin@corp.example.com\"",
                        "Dave Leroy (absent) → <at>Bob Dupont</at>, <at>Carol Nguyen</at>",
                        "https://preflight.example/executions/"
                                + outcome.execution().id());
        assertThat(history.get(outcome.execution().id()).status()).isEqualTo(ExecutionStatus.SUCCESS);
    }

    @Test
    void transientFailuresAreRetried() {
        CheckRuns.Outcome outcome = check();
        SANDBOX.inject(new Scenario.Fault("teams", 429, 1, 1, null, null, null));
        SANDBOX.inject(new Scenario.Fault("teams", 502, null, 1, null, null, null));
        int before = SANDBOX.teamsPosts().size();

        TeamsNotifications.Delivery delivery = teams.notify(
                outcome.execution().id(), outcome.report(), new TeamsNotifications.Options(null, true, false));

        assertThat(delivery.delivered()).isTrue();
        assertThat(SANDBOX.teamsPosts()).hasSize(before + 1);
    }

    @Test
    void aLastingFailureLeavesTheReportStoredPartialAndPendingUntilResent() {
        CheckRuns.Outcome outcome = check();
        UUID id = outcome.execution().id();
        SANDBOX.inject(new Scenario.Fault("teams", 503, null, 3, null, null, null));
        int before = SANDBOX.teamsPosts().size();

        TeamsNotifications.Delivery failed =
                teams.notify(id, outcome.report(), new TeamsNotifications.Options(null, true, false));

        assertThat(failed.delivered()).isFalse();
        assertThat(failed.error()).isEqualTo("Teams webhook: POST 127.0.0.1 answered 503: gave up after 3 attempts");
        assertThat(history.get(id).status()).isEqualTo(ExecutionStatus.PARTIAL);
        assertThat(history.get(id).report()).isNotNull();
        assertThat(teams.outbox(id)).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(OutboxEntry.Status.PENDING);
            assertThat(e.lastError()).contains("503");
        });

        teams.retryPending(); // what the scheduler (or a restarted node) does

        assertThat(SANDBOX.teamsPosts().subList(before, SANDBOX.teamsPosts().size()))
                .filteredOn(post -> post.body().contains("\"idempotencyKey\":\"" + id + "-1\""))
                .hasSize(1);
        assertThat(history.get(id).status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(teams.outbox(id))
                .singleElement()
                .extracting(OutboxEntry::status)
                .isEqualTo(OutboxEntry.Status.SENT);
        assertThat(history.log(id, 0)).extracting(LogLine::message).anyMatch(m -> m.contains("kept for a later retry"));
    }

    @Test
    void aRefusedCardIsNotRetriedAndSaysWhy() {
        CheckRuns.Outcome outcome = check();
        SANDBOX.inject(new Scenario.Fault("teams", 413, null, 1, null, null, null));

        TeamsNotifications.Delivery delivery = teams.notify(
                outcome.execution().id(), outcome.report(), new TeamsNotifications.Options(null, true, false));

        assertThat(delivery.error())
                .isEqualTo("Teams webhook: POST 127.0.0.1 answered 413: refused the card as too large");
    }

    @Test
    void aTimeoutIsRetriedWithTheSameIdempotencyKey() {
        CheckRuns.Outcome outcome = check();
        SANDBOX.inject(new Scenario.Fault("teams", null, null, 1, "timeout", 3, null));
        int before = SANDBOX.teamsPosts().size();

        TeamsNotifications.Delivery delivery = teams.notify(
                outcome.execution().id(), outcome.report(), new TeamsNotifications.Options(null, true, false));

        assertThat(delivery.delivered()).as(delivery.error()).isTrue();
        assertThat(SANDBOX.teamsPosts()).hasSize(before + 1);
    }

    @Test
    void aDryRunStoresThePayloadsAndPostsNothing() {
        CheckRuns.Outcome outcome = check();
        int before = SANDBOX.teamsPosts().size();

        TeamsNotifications.Delivery delivery = teams.notify(
                outcome.execution().id(), outcome.report(), new TeamsNotifications.Options(null, false, true));

        assertThat(SANDBOX.teamsPosts()).hasSize(before);
        assertThat(delivery.payloads())
                .singleElement()
                .asString()
                .contains("\"type\":\"message\"")
                .doesNotContain("<at>");
        assertThat(teams.outbox(outcome.execution().id()))
                .extracting(OutboxEntry::status)
                .containsExactly(OutboxEntry.Status.DRY_RUN);
    }
}
