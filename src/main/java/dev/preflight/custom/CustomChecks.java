package dev.preflight.custom;

import dev.preflight.check.JiraTicket;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The custom checks in force: their versioned definitions (import, edit, revert, export) and their
 * runs, for a report or for "Try". Every way in (CLI, Checks tab, API) goes through here, so the
 * validation is the same everywhere.
 */
@Service
public class CustomChecks {

    private final DefinitionStore versions;
    private final DefinitionReader reader;
    /** Stored versions passed import; their hosts are checked again on every request, where a refusal fails only that source. */
    private final DefinitionReader stored = new DefinitionReader(host -> {});

    private final SourceFetcher fetcher;
    private final SourceLimits limits;
    // a runaway expression holds one of these, never a request or a check
    private final Evaluations evaluations =
            new Evaluations(Math.max(2, Runtime.getRuntime().availableProcessors()));
    private final Clock clock;

    CustomChecks(
            DefinitionStore versions,
            HostCheck hosts,
            SourceCheck sources,
            SourceFetcher fetcher,
            SourceLimits limits,
            Optional<Clock> clock) {
        this.versions = versions;
        this.reader = new DefinitionReader(hosts, sources);
        this.fetcher = fetcher;
        this.limits = limits;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** Custom checks kept in memory (none until one is saved), for tests and benchmarks without a database. */
    public static CustomChecks inMemory(HostCheck hosts, SourceFetcher fetcher, SourceLimits limits) {
        return new CustomChecks(
                new DefinitionStore.InMemory(), hosts, SourceCheck.NONE, fetcher, limits, Optional.empty());
    }

    /**
     * Custom checks in memory with real sources (the hardened client, these host rules and
     * secrets), for benchmarks and tools that run without the application.
     */
    public static CustomChecks standalone(SourceLimits limits, Secrets secrets) {
        dev.preflight.custom.http.AllowedHosts hosts =
                new dev.preflight.custom.http.AllowedHosts(limits.allowedHosts());
        dev.preflight.custom.http.OutboundHttp http = new dev.preflight.custom.http.OutboundHttp(hosts, limits);
        return new CustomChecks(
                new DefinitionStore.InMemory(),
                hosts,
                SourceCheck.NONE,
                new SourceWiring.Sources(http, hosts, secrets, limits, Clock.systemUTC()),
                limits,
                Optional.empty());
    }

    /** Validates a document without storing it. */
    public CheckDefinitions validate(String document) {
        return reader.read(document);
    }

    /** The line of a document where a definition error's path is, for an editor. */
    public java.util.OptionalInt lineOf(String document, String path) {
        return reader.lineOf(document, path);
    }

    /** A stored version's definitions (its hosts are checked when it runs). */
    public CheckDefinitions read(DefinitionVersion version) {
        return stored.read(version.document());
    }

    /** The definitions in force; none before the first import. */
    public CheckDefinitions current() {
        return versions.latest().map(v -> stored.read(v.document())).orElse(CheckDefinitions.NONE);
    }

    public Optional<DefinitionVersion> currentVersion() {
        return versions.latest();
    }

    public List<DefinitionVersion> history() {
        return versions.all();
    }

    public Optional<DefinitionVersion> version(int number) {
        return versions.find(number);
    }

    /**
     * Replaces the definitions with this document, all or nothing: it is validated in full first.
     * Saving the document in force again changes nothing.
     */
    @Transactional
    public DefinitionVersion save(String document, String actor, String change) {
        reader.read(document);
        Optional<DefinitionVersion> latest = versions.latest();
        if (latest.isPresent() && latest.get().document().equals(document)) {
            return latest.get();
        }
        return versions.append(document, actor, clock.instant(), change);
    }

    /** Puts an earlier version back in force, as a new version (the history keeps every step). */
    @Transactional
    public DefinitionVersion revert(int number, String actor) {
        DefinitionVersion earlier = versions.find(number)
                .orElseThrow(() -> new DefinitionException("version", "there is no version " + number));
        return save(earlier.document(), actor, "revert to version " + number);
    }

    /** The category of the finding that says the stored definitions could not be run. */
    public static final dev.preflight.check.Category NOT_RUN =
            dev.preflight.check.Category.custom("definitions", "Custom checks not run");

    /**
     * A run of the definitions in force for one report, with the Jira fields to read in the same
     * bulk reads. Stored definitions that no longer read (a format this version refuses) are not
     * run: the built-in checks are never held up by them, and one blocking finding says so, since a
     * report that looks ready while a team's blocking check never ran would mislead.
     */
    public Run prepare(java.util.function.Consumer<String> notes) {
        try {
            return new Run(current());
        } catch (DefinitionException e) {
            String why = "custom checks not run: the stored definitions no longer read (" + e.getMessage() + ")";
            notes.accept(why);
            return new Run(CheckDefinitions.NONE, List.of(), why);
        }
    }

    /** A run of one check of a document not yet saved, for "Try". */
    public Run trial(String document, String checkName) {
        CheckDefinitions definitions = reader.read(document);
        CheckDefinition check = definitions
                .check(checkName)
                .orElseThrow(() -> new DefinitionException(
                        "check", "the document has no check named '" + DefinitionReader.excerpt(checkName) + "'"));
        return new Run(definitions, List.of(check));
    }

    /** The definitions as they were when a check started: the Jira fields read and the checks run agree. */
    public final class Run {
        private final CheckDefinitions definitions;
        private final List<CheckDefinition> checks;

        private final @Nullable String broken;

        private Run(CheckDefinitions definitions) {
            this(definitions, definitions.checks(), null);
        }

        private Run(CheckDefinitions definitions, List<CheckDefinition> checks) {
            this(definitions, checks, null);
        }

        private Run(CheckDefinitions definitions, List<CheckDefinition> checks, @Nullable String broken) {
            this.definitions = definitions;
            this.checks = List.copyOf(checks);
            this.broken = broken;
        }

        public boolean isEmpty() {
            return checks.isEmpty() && broken == null;
        }

        public List<String> jiraFields() {
            return definitions.jiraFields();
        }

        public Result evaluate(SourceContext context, List<JiraTicket> tickets, @Nullable String browseBase) {
            if (broken != null) {
                return new Result(
                        new dev.preflight.check.CustomResults(
                                List.of(NOT_RUN),
                                List.of(new dev.preflight.check.Finding(
                                        null,
                                        null,
                                        NOT_RUN,
                                        dev.preflight.check.Severity.BLOCKING,
                                        null,
                                        broken,
                                        null,
                                        List.of()))),
                        List.of(),
                        java.time.Duration.ZERO);
            }
            Instant started = clock.instant();
            CustomCheckRun.Outcome outcome = new CustomCheckRun(definitions, fetcher, limits, evaluations)
                    .run(checks, context, tickets, browseBase);
            return new Result(
                    outcome.results(), outcome.traces(), java.time.Duration.between(started, clock.instant()));
        }
    }

    /** The findings of a run and what each source did. */
    public record Result(
            dev.preflight.check.CustomResults results, List<SourceTrace> traces, java.time.Duration took) {}
}
