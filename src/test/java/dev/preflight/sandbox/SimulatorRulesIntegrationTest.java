package dev.preflight.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulators enforce what their vendors document and Preflight relies on, one test a rule,
 * so that a connector that breaks a rule fails a test instead of passing against a lenient double.
 */
class SimulatorRulesIntegrationTest {

    private static final Sandbox SANDBOX = Sandbox.start(DemoScenario.load());
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    record Answer(int status, String contentType, JsonNode body) {}

    private static Answer send(String url, String method, String authorization, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization);
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String text = response.body();
        return new Answer(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text));
    }

    private static Answer lucca(String pathAndQuery) throws IOException, InterruptedException {
        return send(
                SANDBOX.endpoints().luccaUrl() + pathAndQuery,
                "GET",
                "lucca application=" + SANDBOX.endpoints().credentials().luccaKey(),
                null);
    }

    private static Answer jira(String method, String pathAndQuery, String body)
            throws IOException, InterruptedException {
        Sandbox.Endpoints e = SANDBOX.endpoints();
        String basic = Base64.getEncoder()
                .encodeToString(
                        (e.credentials().jiraUser() + ":" + e.credentials().jiraToken())
                                .getBytes(StandardCharsets.UTF_8));
        return send(e.jiraUrl() + pathAndQuery, method, "Basic " + basic, body);
    }

    @Test
    void jiraCountsOnlyBoundedJqlPostedInABody() throws Exception {
        Answer all =
                jira("POST", "/rest/api/3/search/approximate-count", "{\"jql\":\"fixVersion = \\\"H3-2026.7\\\"\"}");
        Answer open = jira(
                "POST",
                "/rest/api/3/search/approximate-count",
                "{\"jql\":\"fixVersion = \\\"H3-2026.7\\\" AND statusCategory != Done\"}");
        Answer done = jira(
                "POST",
                "/rest/api/3/search/approximate-count",
                "{\"jql\":\"fixVersion = \\\"H3-2026.7\\\" AND statusCategory = \\\"Done\\\"\"}");
        assertThat(all.status()).isEqualTo(200);
        assertThat(open.body().path("count").asInt() + done.body().path("count").asInt())
                .isEqualTo(all.body().path("count").asInt());
        assertThat(open.body().path("count").asInt()).isPositive();

        assertThat(jira("POST", "/rest/api/3/search/approximate-count", "{\"jql\":\"\"}")
                        .status())
                .as("unbounded")
                .isEqualTo(400);
        assertThat(jira("POST", "/rest/api/3/search/approximate-count", "{}").status())
                .as("no jql")
                .isEqualTo(400);
        assertThat(jira("GET", "/rest/api/3/search/approximate-count?jql=project%3DET", null)
                        .status())
                .isEqualTo(405);
        assertThat(jira("POST", "/rest/api/3/search/approximate-count", "{\"jql\":\"statusCategory = Finished\"}")
                        .body()
                        .toString())
                .contains("does not exist for the field 'statusCategory'");
    }

    @Test
    void luccaLeavesWithoutAnOwnerFilterAreRefusedAsProblemDetails() throws Exception {
        Answer answer = lucca("/api/v3/leaves?date=between,2026-11-23,2026-11-23");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().path("errors").has("leavePeriod.ownerId")).isTrue();
    }

    @Test
    void luccaLeavesWithoutADateFilterAreRefused() throws Exception {
        Answer answer = lucca("/api/v3/leaves?leavePeriod.ownerId=400");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("errors").has("date")).isTrue();
    }

    @Test
    void luccaOwnerIdsMustBePositiveIntegers() throws Exception {
        assertThat(lucca("/api/v3/leaves?date=2026-11-23&leavePeriod.ownerId=0").status())
                .isEqualTo(400);
        assertThat(lucca("/api/v3/leaves?date=2026-11-23&leavePeriod.ownerId=abc")
                        .status())
                .isEqualTo(400);
        assertThat(lucca("/api/v3/leaves?date=2026-11-23&leavePeriod.ownerId=400,401")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void luccaPagesHoldAtMostTenThousandItems() throws Exception {
        assertThat(lucca("/api/v3/users?paging=0,10001").status()).isEqualTo(400);
        assertThat(lucca("/api/v3/users?paging=0,10000").status()).isEqualTo(200);
    }

    @Test
    void luccaPagesWithoutPagingHoldTheDefaultThousand() {
        assertThat(LuccaSimulator.DEFAULT_LIMIT).isEqualTo(1000);
        // the 1,250-user case is AbsenceCalendarIntegrationTest.manyUsersAndOwnersArePagedAndBatched
    }

    @Test
    void jiraSearchRefusesMaxResultsOutsideOneToFiveThousand() throws Exception {
        String jql = "?jql=project%20%3D%20ET&fields=id&maxResults=";
        Answer over = jira("GET", "/rest/api/3/search/jql" + jql + "5001", null);
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.body().path("errorMessages").get(0).asString()).contains("between 1 and 5,000");
        assertThat(jira("GET", "/rest/api/3/search/jql" + jql + "0", null).status())
                .isEqualTo(400);
        assertThat(jira("GET", "/rest/api/3/search/jql" + jql + "5000", null).status())
                .isEqualTo(200);
    }

    @Test
    void jiraSearchReturnsAtMostAHundredIssuesWithFields() throws Exception {
        Answer page = jira("GET", "/rest/api/3/search/jql?jql=project%20%3D%20ET&fields=summary&maxResults=5000", null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().path("issues").size()).isLessThanOrEqualTo(100);
    }

    @Test
    void jiraBulkFetchTakesOneToAHundredIds() throws Exception {
        String hundredAndOne = IntStream.range(0, 101)
                .mapToObj(i -> "\"ET-" + (101 + i) + "\"")
                .collect(Collectors.joining(","));
        Answer tooMany = jira("POST", "/rest/api/3/issue/bulkfetch", "{\"issueIdsOrKeys\":[" + hundredAndOne + "]}");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body().has("errorMessages")).isTrue();
        assertThat(jira("POST", "/rest/api/3/issue/bulkfetch", "{\"issueIdsOrKeys\":[]}")
                        .status())
                .isEqualTo(400);
        assertThat(jira("POST", "/rest/api/3/issue/bulkfetch", "{\"issueIdsOrKeys\":[\"ET-101\"]}")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void jiraVersionPagesHoldAtMostFifty() throws Exception {
        Answer page = jira("GET", "/rest/api/3/project/ET/version?maxResults=500", null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().path("maxResults").asInt()).isEqualTo(50);
    }

    @Test
    void jiraErrorsUseItsErrorCollectionShape() throws Exception {
        Answer answer = jira("GET", "/rest/api/3/project/NOPE/version", null);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().path("errorMessages").isArray()).isTrue();
        assertThat(answer.body().path("errors").isObject()).isTrue();
    }

    @Test
    void teamsWorkflowsFailsAMessageOverTwentyEightKilobytes() throws Exception {
        String card = "{\"type\":\"message\",\"attachments\":[{\"contentType\":"
                + "\"application/vnd.microsoft.card.adaptive\",\"content\":{\"type\":\"AdaptiveCard\","
                + "\"version\":\"1.4\",\"body\":[{\"type\":\"TextBlock\",\"text\":\"%s\"}]}}]}";
        int before = SANDBOX.teamsPosts().size();
        Answer big = send(SANDBOX.endpoints().teamsWebhookUrl(), "POST", "", card.formatted("x".repeat(28_700)));
        Answer small = send(SANDBOX.endpoints().teamsWebhookUrl(), "POST", "", card.formatted("ready"));

        // Workflows accepts both requests and fails the big one's run afterwards
        assertThat(big.status()).isEqualTo(202);
        assertThat(small.status()).isEqualTo(202);
        var posts = SANDBOX.teamsPosts().subList(before, before + 2);
        assertThat(posts.get(0).failure()).startsWith("MessageSizeExceeded");
        assertThat(posts.get(1).shown()).isTrue();
    }

    @Test
    void teamsWorkflowsFailsAMessageWithoutAnAdaptiveCard() throws Exception {
        int before = SANDBOX.teamsPosts().size();
        send(SANDBOX.endpoints().teamsWebhookUrl(), "POST", "", "{\"text\":\"hello\"}");

        assertThat(SANDBOX.teamsPosts().get(before).failure()).contains("not an Adaptive Card");
    }
}
