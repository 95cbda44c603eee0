package dev.preflight.custom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.check.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefinitionReaderUnitTest {

    /** The contract's example, its hosts allowed. */
    static final String EXAMPLE = """
            format: preflight-checks/1
            sources:
              - name: pipelines                      # [a-z][a-z0-9-]*, unique
                http:
                  url: https://gitlab.example.com/api/v4/projects/42/pipelines
                  query: {ref: "release/{packagingRelease}", per_page: "100"}
                  headers: {Accept: application/json}
                  auth: {type: bearer, secret: GITLAB_TOKEN}
                  paginate: {type: page, param: page, sizeParam: per_page, size: 100}
                transform: '$[0].{"status": status, "url": web_url}'
              - name: migrations
                jdbc:
                  url: jdbc:postgresql://deploy-db.example.com:5432/deploy
                  user: preflight
                  secret: DEPLOY_DB_PASSWORD
                  query: select ticket_key, script from migration where release = :packagingRelease
                transform: 'ticket_key'
              - name: jira
                jira: {fields: [labels, customfield_10500]}
            checks:
              - name: pipeline-green
                label: Release pipeline not green
                source: pipelines
                scope: release
                when: 'status != "success"'
                severity: blocking
                detail: '"last pipeline of release/" & $packagingRelease & " is " & status'
                notify: [release-manager@example.com]
              - name: migration-registered
                label: Migration not registered
                source: migrations
                scope: ticket
                when: '"db-change" in $ticket.labels and $not($ticket.key in $facts)'
                severity: semi-blocking
                detail: '"no migration script registered for " & $ticket.key'
              - name: do-not-ship
                label: Marked do-not-ship
                source: jira
                scope: ticket
                when: '"do-not-ship" in $ticket.labels'
                severity: blocking
                detail: '"labelled do-not-ship"'
            """;

    private final DefinitionReader reader = new DefinitionReader(host -> {
        if (!host.endsWith("example.com")) {
            throw new SourceFailure("host " + host + " is not in preflight.sources.allowed-hosts");
        }
    });

    @Test
    void readsTheContractsExample() {
        CheckDefinitions definitions = reader.read(EXAMPLE);

        assertThat(definitions.sources())
                .extracting(SourceDefinition::kind)
                .containsExactly(SourceDefinition.Kind.HTTP, SourceDefinition.Kind.JDBC, SourceDefinition.Kind.JIRA);
        HttpSpec http = definitions.sources().getFirst().http();
        assertThat(http.auth().type()).isEqualTo(HttpSpec.AuthType.BEARER);
        assertThat(http.auth().secret()).isEqualTo("GITLAB_TOKEN");
        assertThat(http.paginate().type()).isEqualTo(HttpSpec.PaginationType.PAGE);
        assertThat(http.paginate().start()).isEqualTo(1);
        assertThat(http.paginate().maxPages()).isEqualTo(100);
        assertThat(definitions.jiraFields()).containsExactly("labels", "customfield_10500");
        assertThat(definitions.checks())
                .extracting(CheckDefinition::severity)
                .containsExactly(Severity.BLOCKING, Severity.SEMI_BLOCKING, Severity.BLOCKING);
        assertThat(definitions.checks().getFirst().recipients()).containsExactly("release-manager@example.com");
        assertThat(definitions.checks().getFirst().category().key()).isEqualTo("custom:pipeline-green");
    }

    @Test
    void jsonIsReadToo() {
        CheckDefinitions definitions = reader.read("""
                {"format": "preflight-checks/1", "sources": [{"name": "jira", "jira": {}}],
                 "checks": [{"name": "x", "source": "jira", "scope": "ticket", "when": "true", "severity": "minor"}]}
                """);

        assertThat(definitions.checks().getFirst().label()).isEqualTo("x");
        assertThat(definitions.checks().getFirst().detail()).isEqualTo("\"x\"");
    }

    @Test
    void eachErrorNamesItsPathInOneLine() {
        for (List<String> broken : List.of(
                List.of(
                        "when: 'status != \"success\"'",
                        "when: 'status !=! ('",
                        "checks[0].when: not a JSONata expression"),
                List.of("severity: semi-blocking", "severity: urgent", "checks[1].severity: must be blocking"),
                List.of("source: migrations", "source: nowhere", "checks[1].source: no source is named 'nowhere'"),
                List.of(
                        "scope: release",
                        "scope: everything",
                        "checks[0].scope: 'everything' is not one of [release, ticket]"),
                List.of(
                        "secret: GITLAB_TOKEN",
                        "secret: glpat-abcdef123",
                        "sources[0].http.auth.secret: a secret's name"),
                List.of(
                        "https://gitlab.example.com",
                        "https://gitlab.internal.corp",
                        "sources[0].http.url: host gitlab.internal.corp is not in"),
                List.of("jdbc:postgresql:", "jdbc:h2:", "sources[1].jdbc.url: only PostgreSQL"),
                List.of("type: page", "type: pages", "sources[0].http.paginate.type: 'pages' is not one of"),
                List.of(
                        "Accept: application/json",
                        "PRIVATE-TOKEN: glpat-123",
                        "sources[0].http.headers.PRIVATE-TOKEN: credentials go in auth"),
                List.of("name: do-not-ship", "name: pipeline-green", "checks[2].name: 'pipeline-green' is used twice"),
                List.of(
                        "format: preflight-checks/1",
                        "format: preflight-checks/2",
                        "format: must be preflight-checks/1"),
                List.of(
                        "    label: Marked do-not-ship",
                        "    lable: Marked do-not-ship",
                        "checks[2].lable: unknown key"))) {
            String document = EXAMPLE.replace(broken.get(0), broken.get(1));
            assertThat(document).as(broken.get(1)).isNotEqualTo(EXAMPLE);

            assertThatThrownBy(() -> reader.read(document))
                    .as(broken.get(1))
                    .isInstanceOf(DefinitionException.class)
                    .hasMessageStartingWith(broken.get(2))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void anErrorsLineIsFoundForTheEditor() {
        String document = EXAMPLE.replace("severity: semi-blocking", "severity: urgent");
        DefinitionException error =
                org.junit.jupiter.api.Assertions.assertThrows(DefinitionException.class, () -> reader.read(document));

        int line = reader.lineOf(document, error.path()).orElseThrow();

        assertThat(document.lines().toList().get(line - 1)).contains("severity: urgent");
    }

    @Test
    void notYamlSaysWhere() {
        assertThatThrownBy(() -> reader.read("format: [unclosed\nsources: x"))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("not YAML or JSON at line");
    }
}
