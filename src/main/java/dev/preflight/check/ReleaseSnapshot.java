package dev.preflight.check;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Everything the connectors fetched for one release, frozen: the check is a pure function of it.
 *
 * @param jiraTickets the issues whose fix versions include the Jira release
 * @param jiraTicketsElsewhere issues the packaging release has but Jira's release does not, as Jira
 *     knows them (possibly under another fix version); keys absent here are unknown to Jira
 * @param knownPackages what the packaging server knows of each package declared on a ticket, by name
 * @param outdatedWarnings the OUTDATED warnings of the probe change request; empty when the probe
 *     was skipped
 * @param browseUrl the base of ticket links, e.g. {@code https://example.atlassian.net/browse/}
 */
public record ReleaseSnapshot(
        String project,
        String release,
        String packagingRelease,
        Instant generatedAt,
        List<JiraTicket> jiraTickets,
        List<JiraTicket> jiraTicketsElsewhere,
        PackagingRelease packaging,
        Map<String, KnownPackage> knownPackages,
        Optional<List<OutdatedWarning>> outdatedWarnings,
        Availability availability,
        @Nullable String browseUrl,
        List<String> notes) {

    public ReleaseSnapshot {
        jiraTickets = List.copyOf(jiraTickets);
        jiraTicketsElsewhere = List.copyOf(jiraTicketsElsewhere);
        knownPackages = Map.copyOf(knownPackages);
        notes = List.copyOf(notes);
    }

    /** One OUTDATED warning of the probe change request. */
    public record OutdatedWarning(String name, String version, String latest) {}

    /** Who is away at the time of the check (the absence calendar, for the current half-day). */
    @FunctionalInterface
    public interface Availability {
        boolean isAbsent(String email);

        static Availability everyonePresent() {
            return email -> false;
        }
    }
}
