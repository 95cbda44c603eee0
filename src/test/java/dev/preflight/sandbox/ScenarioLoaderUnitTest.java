package dev.preflight.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScenarioLoaderUnitTest {

    private static Scenario parse(String json) {
        return new ScenarioLoader().parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "s.json");
    }

    private static String demo() throws Exception {
        return Files.readString(DemoScenario.FILE);
    }

    @Test
    void theDemoIsRich() {
        Scenario demo = DemoScenario.load();
        assertThat(demo.jira().issues()).hasSizeGreaterThanOrEqualTo(60);
        assertThat(demo.jira().issues().stream()
                        .map(Scenario.Issue::assignee)
                        .distinct()
                        .count())
                .isGreaterThanOrEqualTo(6);
    }

    @Test
    void errorsNameTheJsonPath() throws Exception {
        assertThatThrownBy(() -> parse(demo().replaceFirst("\"releaseDate\"", "\"releaseDay\"")))
                .hasMessage("scenario s.json: unknown key at $.jira.versions[0].releaseDay");
        assertThatThrownBy(() -> parse(
                        demo().replaceFirst("\"statusCategory\": \"indeterminate\"", "\"statusCategory\": \"wip\"")))
                .hasMessage(
                        "scenario s.json: $.jira.issues[0].statusCategory must be new, indeterminate or done, found \"wip\"");
        assertThatThrownBy(() -> parse(demo().replaceFirst(
                                "\"assignee\": \"alice@example.com\"", "\"assignee\": \"zed@example.com\"")))
                .hasMessage("scenario s.json: $.jira.issues[0].assignee names no user of $.users: \"zed@example.com\"");
        assertThatThrownBy(() -> parse(demo().replaceFirst("\"released\": true", "\"released\": \"maybe\"")))
                .hasMessageStartingWith("scenario s.json: invalid value at $.jira.versions[0].released");
        assertThatThrownBy(() -> parse("{\"format\": \"preflight-scenario/2\"}"))
                .hasMessage(
                        "scenario s.json: $.format must be \"preflight-scenario/1\", found \"preflight-scenario/2\"");
        assertThatThrownBy(() -> parse("[1,2")).hasMessageStartingWith("scenario s.json: invalid value at $");
    }

    @Test
    void aGeneratedScenarioOf10000IssuesLoadsQuickly() {
        String json = new ScenarioGenerator(42).generate(ScenarioGenerator.Mix.typical(10_000));
        Instant start = Instant.now();
        Scenario scenario = parse(json);
        // not a timing assertion: the bench measures speed; this only proves the size is accepted
        assertThat(scenario.jira().issues()).hasSize(10_000);
        assertThat(Duration.between(start, Instant.now())).isPositive();
    }

    /** A minimal scenario with these endpoints (a JSON array) and issues. */
    private static String withEndpoints(String endpoints) {
        return """
                {"format": "preflight-scenario/1", "jira": {"project": {"key": "ET"}}, "packaging": {},
                 "endpoints": %s}
                """.formatted(endpoints);
    }

    private static String withIssue(String issue) {
        return """
                {"format": "preflight-scenario/1", "jira": {"project": {"key": "ET"}, "issues": [%s]},
                 "packaging": {}}
                """.formatted(issue);
    }

    @Test
    void endpointsAreReadWithTheirAuthPagingAndContent() {
        Scenario scenario = parse(withEndpoints("""
                [{"path": "/ci/pipelines", "auth": {"type": "bearer", "token": "t"},
                  "paginate": {"type": "page", "maxSize": 50}, "query": {"ref": "release/2026.7"},
                  "items": [{"id": 1}, null]},
                 {"path": "/login", "contentType": "text/html", "body": "<html></html>"}]
                """));

        Scenario.Endpoint pipelines = scenario.endpoints().getFirst();
        assertThat(pipelines.authType()).isEqualTo("bearer");
        assertThat(pipelines.paging().paramName()).isEqualTo("page");
        assertThat(pipelines.paging().sizeParamName()).isEqualTo("per_page");
        assertThat(pipelines.paging().pageSize()).isEqualTo(20);
        assertThat(pipelines.query()).containsEntry("ref", "release/2026.7");
        assertThat(pipelines.items()).hasSize(2);
        assertThat(scenario.endpoints().get(1).paging().type()).isEqualTo("none");
        assertThat(parse(withEndpoints("[]")).endpoints()).isEmpty();
        assertThat(parse(demoLess()).endpoints()).isEmpty();
    }

    private static String demoLess() {
        return "{\"format\": \"preflight-scenario/1\", \"jira\": {\"project\": {\"key\": \"ET\"}}, \"packaging\": {}}";
    }

    @Test
    void endpointErrorsNameTheirPath() {
        String page = "\"paginate\": {\"type\": \"page\"}, \"items\": []";
        assertThatThrownBy(() -> parse(withEndpoints("[{\"path\": \"/a\", \"body\": 1}, {\"path\": \"/b\", "
                        + "\"paginate\": {\"type\": \"pages\"}, \"items\": []}]")))
                .hasMessage("scenario s.json: $.endpoints[1].paginate.type must be one of none, page, offset, cursor, "
                        + "link, found \"pages\"");
        assertThatThrownBy(() -> parse(withEndpoints("[{\"path\": \"/a\", \"paginate\": {\"type\": \"page\", "
                        + "\"pageSize\": 5}, \"items\": []}]")))
                .hasMessage("scenario s.json: unknown key at $.endpoints[0].paginate.pageSize");
        assertThatThrownBy(() -> parse(withEndpoints("[{\"path\": \"a\", \"body\": 1}]")))
                .hasMessage("scenario s.json: $.endpoints[0].path must be a path starting with / without a query, "
                        + "found \"a\"");
        assertThatThrownBy(() ->
                        parse(withEndpoints("[{\"path\": \"/a\", \"body\": 1}, {\"path\": \"/a\", " + "\"body\": 2}]")))
                .hasMessage("scenario s.json: $.endpoints[1].path duplicates \"/a\"");
        assertThatThrownBy(() -> parse(withEndpoints("[{\"path\": \"/oauth/token\", \"body\": 1}]")))
                .hasMessageContaining("$.endpoints[0].path is the sandbox's OAuth 2 token endpoint");
        assertThatThrownBy(() -> parse(withEndpoints("[{\"path\": \"/a\"}]")))
                .hasMessage("scenario s.json: $.endpoints[0] needs items or a body");
        assertThatThrownBy(() -> parse(withEndpoints("[{\"path\": \"/a\", \"items\": [], \"body\": {}}]")))
                .hasMessage("scenario s.json: $.endpoints[0] has both items and body; serve one of them");
        assertThatThrownBy(() -> parse(
                        withEndpoints("[{\"path\": \"/a\", \"paginate\": {\"type\": \"cursor\"}, " + "\"body\": {}}]")))
                .hasMessage("scenario s.json: $.endpoints[0].items is required when paginate.type is cursor");
        assertThatThrownBy(() ->
                        parse(withEndpoints("[{\"path\": \"/a\", \"contentType\": \"text/html\", " + "\"body\": {}}]")))
                .hasMessage("scenario s.json: $.endpoints[0].body must be a string when contentType is not JSON");
        assertThatThrownBy(() -> parse(withEndpoints("[{\"path\": \"/a\", \"paginate\": {\"type\": \"page\", "
                        + "\"maxSize\": 10, \"defaultSize\": 20}, \"items\": []}]")))
                .hasMessage("scenario s.json: $.endpoints[0].paginate.defaultSize must be between 1 and maxSize");
        assertThatThrownBy(() -> parse(withEndpoints("[{\"path\": \"/a\", \"paginate\": {\"type\": \"offset\", "
                        + "\"start\": 1}, \"items\": []}]")))
                .hasMessage(
                        "scenario s.json: $.endpoints[0].paginate.start must be 0 or 1, for page or link paging only");
        assertThatThrownBy(() -> parse(withEndpoints("[{\"path\": \"/a\", \"paginate\": {\"type\": \"page\", "
                        + "\"itemsField\": \"data..items\"}, \"items\": []}]")))
                .hasMessageStartingWith(
                        "scenario s.json: $.endpoints[0].paginate.itemsField must be a dotted field path");
        assertThatThrownBy(() ->
                        parse(withEndpoints("[{\"path\": \"/a\", " + page + ", \"query\": {\"page\": " + "\"1\"}}]")))
                .hasMessage("scenario s.json: $.endpoints[0].query cannot require a paging parameter");
        assertThatThrownBy(() -> parse(withEndpoints("[{\"path\": \"/a\", \"method\": \"DELETE\", \"body\": 1}]")))
                .hasMessage("scenario s.json: $.endpoints[0].method must be GET or POST, found \"DELETE\"");
    }

    @Test
    void endpointAuthIsCheckedForItsType() {
        String body = "\"body\": {}";
        assertThatThrownBy(() -> parse(
                        withEndpoints("[{\"path\": \"/a\", " + body + ", \"auth\": " + "{\"type\": \"token\"}}]")))
                .hasMessage("scenario s.json: $.endpoints[0].auth.type must be one of none, basic, bearer, header, "
                        + "oauth2, found \"token\"");
        assertThatThrownBy(() -> parse(
                        withEndpoints("[{\"path\": \"/a\", " + body + ", \"auth\": " + "{\"type\": \"bearer\"}}]")))
                .hasMessage("scenario s.json: $.endpoints[0].auth.token is required");
        assertThatThrownBy(() -> parse(withEndpoints("[{\"path\": \"/a\", " + body + ", \"auth\": "
                        + "{\"type\": \"bearer\", \"token\": \"t\", \"user\": \"u\"}}]")))
                .hasMessage("scenario s.json: $.endpoints[0].auth.user is not a key of bearer auth");
        assertThatThrownBy(() -> parse(withEndpoints("[{\"path\": \"/a\", " + body + ", \"auth\": "
                        + "{\"type\": \"basic\", \"user\": \"a:b\", \"password\": \"p\"}}]")))
                .hasMessage("scenario s.json: $.endpoints[0].auth.user cannot contain ':'");
        assertThatThrownBy(() -> parse(withEndpoints("[{\"path\": \"/a\", " + body + ", \"auth\": "
                        + "{\"type\": \"header\", \"name\": \"X Key\", \"value\": \"v\"}}]")))
                .hasMessageStartingWith("scenario s.json: $.endpoints[0].auth.name must be a header name");
        assertThatThrownBy(() -> parse(withEndpoints("[{\"path\": \"/a\", " + body + ", \"auth\": "
                        + "{\"type\": \"oauth2\", \"clientId\": \"c\", \"clientSecret\": \"s\", \"expiresInS\": 0}}]")))
                .hasMessage("scenario s.json: $.endpoints[0].auth.expiresInS must be > 0");
        assertThatThrownBy(() -> parse(withEndpoints("[{\"path\": \"/a\", " + body + ", \"auth\": "
                        + "{\"type\": \"oauth2\", \"clientId\": \"c\", \"clientSecret\": \"s\"}}, "
                        + "{\"path\": \"/b\", " + body + ", \"auth\": "
                        + "{\"type\": \"oauth2\", \"clientId\": \"c\", \"clientSecret\": \"other\"}}]")))
                .hasMessage("scenario s.json: $.endpoints[1].auth.clientSecret differs from another endpoint's secret "
                        + "for client \"c\"");
    }

    @Test
    void sourcesIsATargetOfLatencyAndFaults() {
        String json = withEndpoints("[]")
                .replace(
                        "\"packaging\": {},",
                        "\"packaging\": {}, \"latencyMs\": {\"sources\": 5}, "
                                + "\"faults\": [{\"target\": \"sources\", \"status\": 500, \"times\": 2}],");
        Scenario scenario = parse(json);

        assertThat(scenario.latencyMs()).containsEntry("sources", 5);
        assertThat(scenario.faults().getFirst().target()).isEqualTo("sources");
    }

    @Test
    void issuesCarryLabelsAndExtraFields() {
        Scenario scenario = parse(withIssue("""
                {"key": "ET-1", "statusCategory": "new", "labels": ["do-not-ship", "db-change"],
                 "fields": {"customfield_10500": "yes", "customfield_10501": null, "customfield_10502": {"value": "x"}}}
                """));

        Scenario.Issue issue = scenario.jira().issues().getFirst();
        assertThat(issue.labels()).containsExactly("do-not-ship", "db-change");
        assertThat(issue.fields()).containsEntry("customfield_10500", "yes").containsEntry("customfield_10501", null);
        assertThat(parse(withIssue("{\"key\": \"ET-1\", \"statusCategory\": \"new\"}"))
                        .jira()
                        .issues()
                        .getFirst()
                        .labels())
                .isEmpty();
    }

    @Test
    void labelsAndExtraFieldsAreChecked() {
        assertThatThrownBy(() -> parse(
                        withIssue("{\"key\": \"ET-1\", \"statusCategory\": \"new\", \"labels\": [\"do not ship\"]}")))
                .hasMessage("scenario s.json: $.jira.issues[0].labels[0] must be a label without spaces, found "
                        + "\"do not ship\"");
        assertThatThrownBy(() -> parse(withIssue("{\"key\": \"ET-1\", \"statusCategory\": \"new\", "
                        + "\"fields\": {\"customfield_10201\": \"x\"}}")))
                .hasMessage("scenario s.json: $.jira.issues[0].fields.customfield_10201 is served from the issue's "
                        + "own keys or $.jira.fields; it cannot be set here");
        assertThatThrownBy(() -> parse(withIssue(
                        "{\"key\": \"ET-1\", \"statusCategory\": \"new\", " + "\"fields\": {\"labels\": []}}")))
                .hasMessageContaining("$.jira.issues[0].fields.labels is served");
        assertThatThrownBy(() -> parse(withIssue(
                        "{\"key\": \"ET-1\", \"statusCategory\": \"new\", " + "\"fields\": {\"custom field\": 1}}")))
                .hasMessageStartingWith("scenario s.json: $.jira.issues[0].fields keys must be Jira field ids");
    }
}
