package dev.preflight.custom;

import dev.preflight.check.JiraTicket;
import java.util.LinkedHashMap;
import java.util.Map;

/** A ticket as checks see it ({@code $ticket} and the {@code jira} source's items), per the contract. */
final class TicketFacts {

    private TicketFacts() {}

    static Map<String, Object> of(JiraTicket ticket) {
        Map<String, Object> facts = new LinkedHashMap<>();
        // extra fields first: the contract's own keys win over a field id that happens to match one
        facts.putAll(ticket.extraFields());
        facts.put("key", ticket.key());
        facts.put("summary", ticket.summary());
        facts.put("status", ticket.status());
        facts.put("statusCategory", ticket.statusCategory().key());
        facts.put(
                "assignee", ticket.assignee() == null ? null : ticket.assignee().id());
        facts.put(
                "fixVersions",
                ticket.fixVersions().stream().map(JiraTicket.FixVersion::name).toList());
        facts.put("packages", ticket.declaredPackages());
        facts.put("labels", ticket.labels());
        return facts;
    }
}
