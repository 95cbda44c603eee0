package dev.preflight.check;

import java.util.List;

/** Builds tickets for the check's unit tests. */
final class Tickets {

    static final Person ALICE = new Person("alice@example.com", "Alice Martin", "a1");
    static final Person BOB = new Person("bob@example.com", "Bob Dupont", "b1");
    static final Person CAROL = new Person("carol@example.com", "Carol Nguyen", "c1");

    private Tickets() {}

    static JiraTicket done(String key, Person assignee, String... packages) {
        return new JiraTicket(
                key,
                "summary " + key,
                "Done",
                StatusCategory.DONE,
                null,
                List.of(new JiraTicket.FixVersion("H3-2026.7", false)),
                assignee,
                BOB,
                CAROL,
                List.of(packages));
    }

    static JiraTicket withStatus(JiraTicket t, String status, StatusCategory category) {
        return new JiraTicket(
                t.key(),
                t.summary(),
                status,
                category,
                t.qcDone(),
                t.fixVersions(),
                t.assignee(),
                t.qcAssignee(),
                t.codeReviewer(),
                t.declaredPackages());
    }

    static JiraTicket withFixVersions(JiraTicket t, JiraTicket.FixVersion... versions) {
        return new JiraTicket(
                t.key(),
                t.summary(),
                t.status(),
                t.statusCategory(),
                t.qcDone(),
                List.of(versions),
                t.assignee(),
                t.qcAssignee(),
                t.codeReviewer(),
                t.declaredPackages());
    }

    static JiraTicket withPeople(JiraTicket t, Person assignee, Person qc, Person reviewer) {
        return new JiraTicket(
                t.key(),
                t.summary(),
                t.status(),
                t.statusCategory(),
                t.qcDone(),
                t.fixVersions(),
                assignee,
                qc,
                reviewer,
                t.declaredPackages());
    }

    static PackagingRelease.Ticket packaged(String key, String... changeRequests) {
        return new PackagingRelease.Ticket(key, "2026.7", List.of(changeRequests));
    }
}
