package dev.preflight.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Issue labels and extra fields come back from search and bulkfetch only when asked, as Jira does. */
class JiraIssueFieldsIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Sandbox SANDBOX = Sandbox.start(
            new ScenarioLoader().parse(new ByteArrayInputStream("""
                            {"format": "preflight-scenario/1",
                             "jira": {"project": {"key": "ET"}, "issues": [
                               {"key": "ET-1", "statusCategory": "new", "labels": ["do-not-ship", "db-change"],
                                "fields": {"customfield_10500": "yes", "customfield_10501": {"value": "Oracle"}}},
                               {"key": "ET-2", "statusCategory": "done"}]},
                             "packaging": {}}
                            """.getBytes(StandardCharsets.UTF_8)), "fields.json"));

    @AfterAll
    static void stop() {
        SANDBOX.close();
    }

    private static JsonNode jira(String pathAndQuery, String body) throws Exception {
        Sandbox.Endpoints e = SANDBOX.endpoints();
        String basic = Base64.getEncoder()
                .encodeToString(
                        (e.credentials().jiraUser() + ":" + e.credentials().jiraToken())
                                .getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(e.jiraUrl() + pathAndQuery))
                .header("Authorization", "Basic " + basic);
        if (body != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void searchReturnsLabelsAndTheExtraFieldsAskedFor() throws Exception {
        JsonNode issues = jira("/rest/api/3/search/jql?jql=project%20%3D%20ET&fields=labels,customfield_10500", null)
                .path("issues");

        JsonNode first = issues.get(0).path("fields");
        assertThat(first.path("labels").valueStream().map(JsonNode::asString))
                .containsExactly("do-not-ship", "db-change");
        assertThat(first.path("customfield_10500").asString()).isEqualTo("yes");
        assertThat(first.has("customfield_10501")).as("not asked for").isFalse();
        assertThat(first.has("summary")).isFalse();

        JsonNode second = issues.get(1).path("fields");
        assertThat(second.path("labels").isArray()).isTrue();
        assertThat(second.path("labels").isEmpty())
                .as("Jira answers [] for no labels")
                .isTrue();
        assertThat(second.has("customfield_10500")).isTrue();
        assertThat(second.path("customfield_10500").isNull())
                .as("an empty field is null")
                .isTrue();
    }

    @Test
    void searchWithoutThemLeavesThemOut() throws Exception {
        JsonNode fields = jira("/rest/api/3/search/jql?jql=key%20%3D%20ET-1&fields=summary", null)
                .path("issues")
                .get(0)
                .path("fields");

        assertThat(fields.has("labels")).isFalse();
        assertThat(fields.has("customfield_10500")).isFalse();
    }

    @Test
    void bulkFetchReturnsThemWhenAskedOrForAllNavigableFields() throws Exception {
        JsonNode asked = jira(
                        "/rest/api/3/issue/bulkfetch",
                        "{\"issueIdsOrKeys\":[\"ET-1\"],\"fields\":[\"labels\",\"customfield_10501\"]}")
                .path("issues")
                .get(0)
                .path("fields");
        assertThat(asked.path("labels").size()).isEqualTo(2);
        assertThat(asked.path("customfield_10501").path("value").asString()).isEqualTo("Oracle");
        assertThat(asked.has("customfield_10500")).isFalse();

        JsonNode navigable = jira("/rest/api/3/issue/bulkfetch", "{\"issueIdsOrKeys\":[\"ET-1\"]}")
                .path("issues")
                .get(0)
                .path("fields");
        assertThat(navigable.has("labels")).isTrue();
        assertThat(navigable.has("customfield_10500")).isTrue();
        assertThat(navigable.has("customfield_10501")).isTrue();
    }
}
