package dev.preflight.notify;

import dev.preflight.check.CheckPolicy;
import dev.preflight.check.JiraTicket;
import dev.preflight.check.PackagingRelease;
import dev.preflight.check.Person;
import dev.preflight.check.ReleaseCheck;
import dev.preflight.check.ReleaseReport;
import dev.preflight.check.ReleaseSnapshot;
import dev.preflight.check.StatusCategory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reports built by the real check from synthetic releases, for card tests. */
final class Reports {

    private Reports() {}

    /** {@code tickets} unready tickets spread over {@code people} assignees, a few missing in packaging. */
    static ReleaseReport of(int tickets, int people, Set<String> absent) {
        List<JiraTicket> jira = new ArrayList<>();
        List<PackagingRelease.Ticket> packaging = new ArrayList<>();
        for (int i = 0; i < tickets; i++) {
            int p = i % people;
            Person assignee = new Person(
                    "user" + p + "@example.com",
                    p == 0 ? "Eve *bold* [x](http://evil) <at>Boss</at>" : "User " + p,
                    "acc" + p);
            Person qc = new Person("qc" + p + "@example.com", "QC " + p, "qc" + p);
            jira.add(new JiraTicket(
                    "ET-" + (1000 + i),
                    "summary",
                    "In Progress",
                    StatusCategory.INDETERMINATE,
                    null,
                    List.of(new JiraTicket.FixVersion("H3-2026.7", false)),
                    assignee,
                    qc,
                    null,
                    List.of()));
            if (i % 10 != 0) {
                packaging.add(new PackagingRelease.Ticket("ET-" + (1000 + i), "2026.7", List.of()));
            }
        }
        return new ReleaseCheck(CheckPolicy.standard())
                .run(new ReleaseSnapshot(
                        "ET",
                        "H3-2026.7",
                        "2026.7",
                        Instant.parse("2026-11-23T07:30:00Z"),
                        jira,
                        List.of(),
                        new PackagingRelease("2026.7", packaging, List.of()),
                        Map.of(),
                        Optional.of(List.of()),
                        absent::contains,
                        "https://jira.example/browse/",
                        List.of()));
    }

    /**
     * {@code missing} tickets in the packaging release that Jira's release lacks, and one outdated
     * package carried by {@code carriers} tickets: findings the assignee table has no column for.
     */
    static ReleaseReport missingAndOutdated(int missing, int carriers) {
        List<PackagingRelease.Ticket> packaging = new ArrayList<>();
        List<PackagingRelease.ChangeRequest> changeRequests = new ArrayList<>();
        for (int i = 0; i < missing; i++) {
            packaging.add(new PackagingRelease.Ticket("ET-" + (5000 + i), "2026.7", List.of()));
        }
        for (int i = 0; i < carriers; i++) {
            String key = "ET-" + (5000 + i);
            changeRequests.add(new PackagingRelease.ChangeRequest(
                    "CR-" + i, key, "", true, List.of(new dev.preflight.check.PackageVersion("SIX-OMS", "3.2"))));
        }
        return new ReleaseCheck(CheckPolicy.standard())
                .run(new ReleaseSnapshot(
                        "ET",
                        "H3-2026.7",
                        "2026.7",
                        Instant.parse("2026-11-23T07:30:00Z"),
                        List.of(),
                        List.of(),
                        new PackagingRelease("2026.7", packaging, changeRequests),
                        Map.of(),
                        Optional.of(List.of(new ReleaseSnapshot.OutdatedWarning("SIX-OMS", "3.2", "3.3"))),
                        email -> false,
                        "https://jira.example/browse/",
                        List.of()));
    }
}
