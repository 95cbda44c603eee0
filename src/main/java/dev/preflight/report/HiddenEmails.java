package dev.preflight.report;

import dev.preflight.check.JiraTicket;
import dev.preflight.check.Person;
import dev.preflight.directory.DirectoryEntry;
import dev.preflight.reference.ReferenceData;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Jira Cloud hides e-mails under privacy settings; the directory knows people by Jira account
 * (where an attribute holds it) or by display name.
 */
final class HiddenEmails {

    private final ReferenceData.People directory;
    private final CacheUse cached;

    HiddenEmails(ReferenceData.People directory, CacheUse cached) {
        this.directory = directory;
        this.cached = cached;
    }

    JiraTicket resolve(JiraTicket ticket) {
        return ticket.withPeople(
                resolve(ticket.assignee()), resolve(ticket.qcAssignee()), resolve(ticket.codeReviewer()));
    }

    private @Nullable Person resolve(@Nullable Person person) {
        if (person == null || person.hasEmail()) {
            return person;
        }
        Optional<DirectoryEntry> entry = Optional.empty();
        if (person.accountId() != null) {
            entry = cached.value(directory.byAccountId(person.accountId()));
        }
        if (entry.isEmpty() && person.displayName() != null) {
            entry = cached.value(directory.byDisplayName(person.displayName()));
        }
        return entry.map(found -> new Person(found.mail(), person.displayName(), person.accountId()))
                .orElse(person);
    }
}
