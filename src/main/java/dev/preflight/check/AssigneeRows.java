package dev.preflight.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Groups findings by assignee and decides whom to notify for each row. */
final class AssigneeRows {

    private final Map<String, JiraTicket> tickets;
    private final ReleaseSnapshot.Availability availability;

    AssigneeRows(Map<String, JiraTicket> tickets, ReleaseSnapshot.Availability availability) {
        this.tickets = tickets;
        this.availability = availability;
    }

    List<AssigneeRow> rows(List<Finding> findings) {
        Map<String, Map<Category, Set<String>>> byAssignee = new LinkedHashMap<>();
        Map<String, Person> people = new LinkedHashMap<>();
        Map<String, Set<String>> ticketsByAssignee = new LinkedHashMap<>();
        for (Finding finding : findings) {
            if (finding.ticket() == null) {
                continue; // about the release, not anyone's ticket
            }
            JiraTicket ticket = tickets.get(finding.ticket());
            Person assignee = ticket == null ? null : ticket.assignee();
            String id = assignee == null ? AssigneeRow.UNASSIGNED : assignee.id();
            if (assignee != null) {
                people.putIfAbsent(id, assignee);
            }
            byAssignee
                    .computeIfAbsent(id, key -> new java.util.TreeMap<>())
                    .computeIfAbsent(finding.category(), key -> new LinkedHashSet<>())
                    .add(finding.ticket());
            ticketsByAssignee.computeIfAbsent(id, key -> new LinkedHashSet<>()).add(finding.ticket());
        }
        List<AssigneeRow> rows = new ArrayList<>();
        byAssignee.forEach((id, categories) -> {
            Person person = people.get(id);
            Map<Category, List<String>> ticketMap = new java.util.TreeMap<>();
            categories.forEach((category, keys) -> ticketMap.put(category, List.copyOf(keys)));
            rows.add(row(id, person, ticketMap, ticketsByAssignee.get(id)));
        });
        rows.sort(Comparator.comparing((AssigneeRow row) -> row.assignee().equals(AssigneeRow.UNASSIGNED))
                .thenComparing(
                        row -> row.displayName() == null ? row.assignee() : row.displayName(),
                        String.CASE_INSENSITIVE_ORDER));
        return rows;
    }

    private AssigneeRow row(String id, Person person, Map<Category, List<String>> ticketMap, Set<String> keys) {
        boolean absent = person != null && person.hasEmail() && availability.isAbsent(person.email());
        if (person != null && person.hasEmail() && !absent) {
            return new AssigneeRow(id, person.displayName(), List.of(person.email()), false, ticketMap, null);
        }
        List<String> substitutes = substitutes(keys, person);
        String reason = person == null ? "unassigned" : absent ? "assignee absent" : "assignee's e-mail unknown";
        String note = substitutes.isEmpty()
                ? reason + "; no substitute available to notify"
                : reason + "; notifying substitutes";
        String displayName = person == null ? "Unassigned" : person.displayName();
        return new AssigneeRow(id, displayName, substitutes, absent, ticketMap, note);
    }

    /** The QC assignee, then the code reviewer, of each ticket of the row, when present. */
    private List<String> substitutes(Set<String> keys, Person assignee) {
        Set<String> substitutes = new LinkedHashSet<>();
        for (String key : keys.stream().sorted(ReleaseCheck::compareKeys).toList()) {
            JiraTicket ticket = tickets.get(key);
            if (ticket == null) {
                continue;
            }
            for (Person candidate : java.util.Arrays.asList(ticket.qcAssignee(), ticket.codeReviewer())) {
                if (candidate != null
                        && candidate.hasEmail()
                        && !candidate.equals(assignee)
                        && !availability.isAbsent(candidate.email())) {
                    substitutes.add(candidate.email());
                }
            }
        }
        return List.copyOf(substitutes);
    }
}
