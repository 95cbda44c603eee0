package dev.preflight.custom;

import dev.preflight.check.Category;
import dev.preflight.check.CustomResults;
import dev.preflight.check.Finding;
import dev.preflight.check.JiraTicket;
import dev.preflight.check.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Runs custom checks over one release: their sources side by side, each transform, then each
 * check's condition. A source that fails gives each of its checks one blocking finding saying why;
 * everything else is reported in full.
 */
final class CustomCheckRun {

    private final CheckDefinitions definitions;
    private final SourceFetcher fetcher;
    private final SourceLimits limits;

    private final Evaluations evaluations;

    CustomCheckRun(CheckDefinitions definitions, SourceFetcher fetcher, SourceLimits limits, Evaluations evaluations) {
        this.definitions = definitions;
        this.fetcher = fetcher;
        this.limits = limits;
        this.evaluations = evaluations;
    }

    /** The run's findings and what each source did. */
    record Outcome(CustomResults results, List<SourceTrace> traces) {}

    /**
     * @param checks the checks to run (all of them for a report, one for "Try")
     * @param tickets the release's tickets as Jira gave them, with the extra fields asked for
     * @param browseBase the base of ticket links
     */
    Outcome run(
            List<CheckDefinition> checks,
            SourceContext context,
            List<JiraTicket> tickets,
            @Nullable String browseBase) {
        List<SourceDefinition> used = definitions.sources().stream()
                .filter(source ->
                        checks.stream().anyMatch(check -> check.source().equals(source.name())))
                .toList();
        List<Map<String, Object>> ticketFacts =
                tickets.stream().map(TicketFacts::of).toList();
        Map<String, SourceTrace> traces = new LinkedHashMap<>();
        try (ExecutorService side = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<String, Future<SourceTrace>> running = new LinkedHashMap<>();
            for (SourceDefinition source : used) {
                running.put(source.name(), side.submit(() -> trace(source, context, ticketFacts)));
            }
            for (Map.Entry<String, Future<SourceTrace>> entry : running.entrySet()) {
                traces.put(entry.getKey(), entry.getValue().get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("custom checks interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("custom source crashed: " + e.getCause(), e.getCause());
        }

        List<Category> categories = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (CheckDefinition check : checks) {
            categories.add(check.category());
            SourceTrace trace = traces.get(check.source());
            if (trace.failed()) {
                findings.add(releaseFinding(
                        check,
                        Severity.BLOCKING,
                        // a server's own error line: no terminal escape from it reaches a report
                        text("source " + check.source() + " failed: " + trace.failure())));
                continue;
            }
            findings.addAll(evaluate(check, trace.facts(), context, tickets, ticketFacts, browseBase));
        }
        return new Outcome(new CustomResults(categories, findings), List.copyOf(traces.values()));
    }

    private SourceTrace trace(SourceDefinition source, SourceContext context, List<Map<String, Object>> tickets) {
        long started = System.nanoTime();
        SourceAnswer answer;
        try {
            answer = source.kind() == SourceDefinition.Kind.JIRA
                    ? new SourceAnswer(tickets, 0, Duration.ZERO, 0)
                    : fetcher.fetch(source, context);
        } catch (SourceFailure e) {
            return new SourceTrace(
                    source.name(),
                    source.kind(),
                    0,
                    Duration.ofNanos(System.nanoTime() - started),
                    0,
                    null,
                    e.getMessage());
        } catch (RuntimeException e) {
            // a defect or an unforeseen upstream shape: still only this source's checks are affected
            return new SourceTrace(
                    source.name(),
                    source.kind(),
                    0,
                    Duration.ofNanos(System.nanoTime() - started),
                    0,
                    null,
                    "unexpected error (" + e.getClass().getSimpleName() + ")");
        }
        try {
            Object facts = Expression.compile(source.transform())
                    .evaluate(answer.value(), bindings(context, null, null), limits, evaluations);
            return new SourceTrace(
                    source.name(),
                    source.kind(),
                    answer.bytes(),
                    answer.took(),
                    answer.requests(),
                    facts,
                    null,
                    answer.cacheNotice());
        } catch (Expression.EvaluationFailure e) {
            return new SourceTrace(
                    source.name(),
                    source.kind(),
                    answer.bytes(),
                    answer.took(),
                    answer.requests(),
                    null,
                    "transform: " + e.getMessage());
        }
    }

    private List<Finding> evaluate(
            CheckDefinition check,
            @Nullable Object facts,
            SourceContext context,
            List<JiraTicket> tickets,
            List<Map<String, Object>> ticketFacts,
            @Nullable String browseBase) {
        Expression when = Expression.compile(check.when());
        Expression detail = Expression.compile(check.detail());
        List<Finding> findings = new ArrayList<>();
        try {
            if (check.scope() == CheckScope.RELEASE) {
                Map<String, @Nullable Object> bindings = bindings(context, facts, null);
                if (Expression.truthy(when.evaluate(facts, bindings, limits, evaluations))) {
                    findings.add(releaseFinding(
                            check, check.severity(), text(detail.evaluate(facts, bindings, limits, evaluations))));
                }
                return findings;
            }
            for (int i = 0; i < tickets.size(); i++) {
                JiraTicket ticket = tickets.get(i);
                Map<String, @Nullable Object> bindings = bindings(context, facts, ticketFacts.get(i));
                if (Expression.truthy(when.evaluate(facts, bindings, limits, evaluations))) {
                    findings.add(new Finding(
                            ticket.key(),
                            ticket.summary(),
                            check.category(),
                            check.severity(),
                            ticket.assignee() == null ? null : ticket.assignee().id(),
                            text(detail.evaluate(facts, bindings, limits, evaluations)),
                            browseBase == null ? null : browseBase + ticket.key()));
                }
            }
            return findings;
        } catch (Expression.EvaluationFailure e) {
            // one finding for the check rather than a half-evaluated list
            return List.of(
                    releaseFinding(check, Severity.BLOCKING, "check " + check.name() + " failed: " + e.getMessage()));
        }
    }

    private static Finding releaseFinding(CheckDefinition check, Severity severity, String detail) {
        return new Finding(null, null, check.category(), severity, null, detail, null, check.recipients());
    }

    private static Map<String, @Nullable Object> bindings(
            SourceContext context, @Nullable Object facts, @Nullable Map<String, Object> ticket) {
        Map<String, @Nullable Object> bindings = new HashMap<>();
        bindings.put("project", context.project());
        bindings.put("release", context.release());
        bindings.put("packagingRelease", context.packagingRelease());
        bindings.put("facts", facts);
        if (ticket != null) {
            bindings.put("ticket", ticket);
        }
        return bindings;
    }

    /** A detail is one line of at most 500 characters, whatever the expression made. */
    private static String text(@Nullable Object value) {
        String text = value == null ? "" : value instanceof String s ? s : String.valueOf(value);
        text = text.replaceAll("\\p{Cntrl}", " ").strip();
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }
}
