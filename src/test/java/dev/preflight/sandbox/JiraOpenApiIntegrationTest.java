package dev.preflight.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sandbox's Jira answers validate against Atlassian's OpenAPI description of Jira Cloud REST v3. */
class JiraOpenApiIntegrationTest {

    private static OpenApiInteractionValidator validator;

    @BeforeAll
    static void loadSpecification() {
        validator = OpenApiInteractionValidator.createForSpecificationUrl(
                        SharedContracts.require("reference/jira-cloud-platform-v3.openapi.json")
                                .toUri()
                                .toString())
                .build();
    }

    @Test
    void versionsSearchAndBulkFetchMatchTheirSchemas() throws Exception {
        try (Sandbox sandbox = Sandbox.start(DemoScenario.load())) {
            String base = sandbox.endpoints().jiraUrl();
            String auth = "Basic "
                    + Base64.getEncoder()
                            .encodeToString((sandbox.endpoints().credentials().jiraUser() + ":"
                                            + sandbox.endpoints().credentials().jiraToken())
                                    .getBytes(StandardCharsets.UTF_8));

            assertValid(
                    "/rest/api/3/project/ET/version",
                    Request.Method.GET,
                    call(
                            base + "/rest/api/3/project/ET/version?status=unreleased&orderBy=releaseDate&maxResults=1",
                            auth,
                            null));
            assertValid(
                    "/rest/api/3/search/jql",
                    Request.Method.GET,
                    call(
                            base
                                    + "/rest/api/3/search/jql?jql=project%20%3D%20ET%20AND%20fixVersion%20%3D%20%22H3-2026.7%22&fields=id&maxResults=10",
                            auth,
                            null));
            assertValid(
                    "/rest/api/3/search/jql",
                    Request.Method.GET,
                    call(
                            base
                                    + "/rest/api/3/search/jql?jql=project%20%3D%20ET&fields=summary,status,assignee,fixVersions&maxResults=3",
                            auth,
                            null));
            assertValid(
                    "/rest/api/3/issue/bulkfetch",
                    Request.Method.POST,
                    call(
                            base + "/rest/api/3/issue/bulkfetch",
                            auth,
                            "{\"issueIdsOrKeys\":[\"ET-101\",\"ET-107\",\"10002\"],\"fields\":[\"summary\",\"status\",\"assignee\","
                                    + "\"fixVersions\",\"customfield_10201\",\"customfield_10203\",\"customfield_10204\"]}"));
            assertValid(
                    "/rest/api/3/search/approximate-count",
                    Request.Method.POST,
                    call(
                            base + "/rest/api/3/search/approximate-count",
                            auth,
                            "{\"jql\":\"project = \\\"ET\\\" AND fixVersion = \\\"H3-2026.7\\\" AND statusCategory != Done\"}"));
        }
    }

    @Test
    void labelsAndExtraFieldsMatchTheSchemas() throws Exception {
        Scenario demo = DemoScenario.load();
        java.util.List<Scenario.Issue> issues =
                new java.util.ArrayList<>(demo.jira().issues());
        Scenario.Issue first = issues.getFirst();
        java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("customfield_10500", "yes");
        fields.put("customfield_10501", java.util.Map.of("value", "Oracle", "id", "10042"));
        fields.put("customfield_10502", null);
        issues.set(
                0,
                new Scenario.Issue(
                        first.key(),
                        first.summary(),
                        first.status(),
                        first.statusCategory(),
                        first.fixVersions(),
                        first.assignee(),
                        first.qcAssignee(),
                        first.codeReviewer(),
                        first.packages(),
                        first.qcStatus(),
                        java.util.List.of("do-not-ship"),
                        fields));
        Scenario scenario = new Scenario(
                demo.format(),
                new Scenario.Jira(
                        demo.jira().project(), demo.jira().fields(), demo.jira().versions(), issues),
                demo.users(),
                demo.packaging(),
                demo.absences(),
                demo.latencyMs(),
                demo.faults(),
                demo.endpoints());
        try (Sandbox sandbox = Sandbox.start(scenario)) {
            String base = sandbox.endpoints().jiraUrl();
            String auth = "Basic "
                    + Base64.getEncoder()
                            .encodeToString((sandbox.endpoints().credentials().jiraUser() + ":"
                                            + sandbox.endpoints().credentials().jiraToken())
                                    .getBytes(StandardCharsets.UTF_8));
            String search = call(
                    base + "/rest/api/3/search/jql?jql=project%20%3D%20ET&fields=labels,customfield_10500,"
                            + "customfield_10501,customfield_10502&maxResults=5",
                    auth,
                    null);
            assertThat(search).contains("do-not-ship", "customfield_10501");
            assertValid("/rest/api/3/search/jql", Request.Method.GET, search);
            assertValid(
                    "/rest/api/3/issue/bulkfetch",
                    Request.Method.POST,
                    call(
                            base + "/rest/api/3/issue/bulkfetch",
                            auth,
                            "{\"issueIdsOrKeys\":[\"ET-101\",\"ET-102\"],\"fields\":[\"summary\",\"labels\","
                                    + "\"customfield_10500\",\"customfield_10501\",\"customfield_10502\"]}"));
            assertValid(
                    "/rest/api/3/issue/bulkfetch",
                    Request.Method.POST,
                    call(base + "/rest/api/3/issue/bulkfetch", auth, "{\"issueIdsOrKeys\":[\"ET-101\"]}"));
        }
    }

    @Test
    void theValidatorRejectsAShapeJiraDoesNotHave() {
        ValidationReport report = validator.validateResponse(
                "/rest/api/3/search/jql",
                Request.Method.GET,
                SimpleResponse.Builder.ok()
                        .withContentType("application/json")
                        .withBody("{\"issues\":[],\"isLast\":true,\"total\":0}")
                        .build());
        assertThat(report.getMessages())
                .as("'total' is gone from the enhanced search")
                .isNotEmpty();
    }

    private static void assertValid(String path, Request.Method method, String body) {
        ValidationReport report = validator.validateResponse(
                path,
                method,
                SimpleResponse.Builder.ok()
                        .withContentType("application/json")
                        .withBody(body)
                        .build());
        assertThat(report.getMessages()).as(path + " answered " + body).isEmpty();
    }

    private static String call(String url, String auth, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth);
        if (body != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response =
                HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
