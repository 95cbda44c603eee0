package dev.preflight.custom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.check.Finding;
import dev.preflight.check.JiraTicket;
import dev.preflight.check.Person;
import dev.preflight.check.Severity;
import dev.preflight.check.StatusCategory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomCheckRunUnitTest {

    static JiraTicket ticket(String key, String assignee, List<String> labels) {
        return new JiraTicket(
                key,
                "summary of " + key,
                "Done",
                StatusCategory.DONE,
                null,
                List.of(),
                new Person(assignee, assignee, null),
                null,
                null,
                List.of(),
                labels,
                Map.of("customfield_10500", "yes"));
    }

    static final List<JiraTicket> TICKETS = List.of(
            ticket("ET-1", "alice@example.com", List.of("db-change")),
            ticket("ET-2", "bob@example.com", List.of("db-change", "do-not-ship")),
            ticket("ET-3", "carol@example.com", List.of()));

    static final SourceContext CONTEXT = new SourceContext(
            "ET", "H3-2026.7", "2026.7", TICKETS.stream().map(JiraTicket::key).toList());

    private final SourceLimits limits = SourceLimits.of(Map.of("transform-timeout", "500ms"));

    private CustomChecks.Result run(String document, SourceFetcher fetcher) {
        CustomChecks checks = CustomChecks.inMemory(host -> {}, fetcher, limits);
        checks.save(document, "test", "test");
        CustomChecks.Run run = checks.prepare(note -> {
            throw new AssertionError(note);
        });
        return run.evaluate(CONTEXT, TICKETS, "https://jira.example/browse/");
    }

    @Test
    void theContractsExampleGivesReleaseAndTicketFindings() {
        SourceFetcher fetcher = (source, context) -> switch (source.name()) {
            case "pipelines" ->
                new SourceAnswer(
                        List.of(Map.of("status", "failed", "web_url", "https://ci/1"), Map.of("status", "success")),
                        321,
                        Duration.ofMillis(12),
                        2);
            case "migrations" ->
                new SourceAnswer(
                        List.of(Map.of("ticket_key", "ET-1", "script", "V1.sql")), 80, Duration.ofMillis(3), 1);
            default -> throw new SourceFailure("unexpected " + source.name());
        };

        CustomChecks.Result result = run(DefinitionReaderUnitTest.EXAMPLE, fetcher);

        List<Finding> findings = result.results().findings();
        assertThat(findings)
                .extracting(f -> f.category().key() + " " + f.ticket() + " "
                        + f.severity().key() + " " + f.detail())
                .containsExactly(
                        "custom:pipeline-green null blocking last pipeline of release/2026.7 is failed",
                        "custom:migration-registered ET-2 semi-blocking no migration script registered for ET-2",
                        "custom:do-not-ship ET-2 blocking labelled do-not-ship");
        Finding doNotShip = findings.getLast();
        assertThat(doNotShip.assignee()).isEqualTo("bob@example.com");
        assertThat(doNotShip.url()).isEqualTo("https://jira.example/browse/ET-2");
        assertThat(result.results().categories()).hasSize(3);
        assertThat(result.traces()).extracting(SourceTrace::source).containsExactly("pipelines", "migrations", "jira");
        assertThat(result.traces().getFirst().bytes()).isEqualTo(321);
        assertThat(result.traces().getFirst().facts()).isEqualTo(Map.of("status", "failed", "url", "https://ci/1"));
    }

    @Test
    void aFailingSourceGivesEachOfItsChecksOneBlockingFindingAndHidesNothingElse() {
        SourceFetcher fetcher = (source, context) -> {
            if (source.name().equals("pipelines")) {
                throw new SourceFailure("GET https://gitlab.example.com/api/v4/projects/42/pipelines answered 500");
            }
            return new SourceAnswer(List.of(), 2, Duration.ZERO, 1);
        };

        List<Finding> findings =
                run(DefinitionReaderUnitTest.EXAMPLE, fetcher).results().findings();

        assertThat(findings)
                .extracting(f -> f.category().key() + " " + f.ticket() + " " + f.severity() + " " + f.detail())
                .containsExactly(
                        "custom:pipeline-green null BLOCKING source pipelines failed: GET https://gitlab.example.com/api/v4/projects/42/pipelines answered 500",
                        "custom:migration-registered ET-1 SEMI_BLOCKING no migration script registered for ET-1",
                        "custom:migration-registered ET-2 SEMI_BLOCKING no migration script registered for ET-2",
                        "custom:do-not-ship ET-2 BLOCKING labelled do-not-ship");
    }

    @Test
    void aRunawayExpressionIsAClearErrorNotAHungCheck() {
        String document = """
                format: preflight-checks/1
                sources:
                  - name: jira
                    jira: {}
                    transform: '($f := function($n){ $n <= 1 ? 1 : $f($n - 1) + $f($n - 2) }; $f(60))'
                  - name: jira-too
                    jira: {}
                checks:
                  - {name: slow, source: jira, scope: release, when: 'true', severity: minor}
                  - {name: deep, source: jira-too, scope: release, when: '($r := function($n){ $r($n + 1) }; $r(0))', severity: minor}
                  - {name: fine, source: jira-too, scope: ticket, when: '$ticket.key = "ET-3"', severity: minor}
                """;
        long started = System.nanoTime();

        List<Finding> findings = run(document, (source, context) -> {
                    throw new SourceFailure("no http source here");
                })
                .results()
                .findings();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(findings)
                .extracting(f -> f.category().key() + " " + f.severity())
                .containsExactly("custom:slow BLOCKING", "custom:deep BLOCKING", "custom:fine MINOR");
        assertThat(findings.get(0).detail()).startsWith("source jira failed: transform: ");
        assertThat(findings.get(1).detail()).startsWith("check deep failed: ");
        assertThat(findings.get(2).ticket()).isEqualTo("ET-3");
        assertThat(findings.get(0).severity()).isEqualTo(Severity.BLOCKING);
    }

    @Test
    void storedDefinitionsThatNoLongerReadGiveOneBlockingFindingNotASilentReady() {
        DefinitionStore.InMemory store = new DefinitionStore.InMemory();
        store.append("format: preflight-checks/0\n", "someone", java.time.Instant.now(), "from an older version");
        CustomChecks checks = new CustomChecks(
                store,
                host -> {},
                SourceCheck.NONE,
                (source, context) -> {
                    throw new AssertionError("no source is read");
                },
                limits,
                java.util.Optional.empty());
        java.util.List<String> notes = new java.util.ArrayList<>();
        CustomChecks.Run run = checks.prepare(notes::add);
        assertThat(run.isEmpty()).isFalse();
        var findings = run.evaluate(CONTEXT, TICKETS, null).results().findings();
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(dev.preflight.check.Severity.BLOCKING);
            assertThat(f.category()).isEqualTo(CustomChecks.NOT_RUN);
            assertThat(f.detail()).startsWith("custom checks not run: the stored definitions no longer read");
        });
        assertThat(notes).hasSize(1);
    }
}
