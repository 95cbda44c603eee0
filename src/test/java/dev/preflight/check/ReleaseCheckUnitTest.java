package dev.preflight.check;

import static dev.preflight.check.Tickets.ALICE;
import static dev.preflight.check.Tickets.BOB;
import static dev.preflight.check.Tickets.CAROL;
import static dev.preflight.check.Tickets.done;
import static dev.preflight.check.Tickets.packaged;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReleaseCheckUnitTest {

    private static final Map<String, KnownPackage> KNOWN = Map.of(
            "SIX-QTI-TRX", new KnownPackage("SIX-QTI-TRX", List.of("0.12.0", "0.13.0"), "0.13.0"),
            "SIX-OMS", new KnownPackage("SIX-OMS", List.of("3.2", "3.2.1"), "3.2.1"));

    private final List<JiraTicket> jira = new ArrayList<>();
    private final List<JiraTicket> elsewhere = new ArrayList<>();
    private final List<PackagingRelease.Ticket> packaging = new ArrayList<>();
    private final List<PackagingRelease.ChangeRequest> changeRequests = new ArrayList<>();
    private Optional<List<ReleaseSnapshot.OutdatedWarning>> outdated = Optional.of(List.of());
    private Set<String> absent = Set.of();

    private ReleaseReport run() {
        return run(CustomResults.none());
    }

    private ReleaseReport run(CustomResults custom) {
        return new ReleaseCheck(CheckPolicy.standard())
                .run(
                        new ReleaseSnapshot(
                                "ET",
                                "H3-2026.7",
                                "2026.7",
                                Instant.parse("2026-11-23T08:00:00Z"),
                                jira,
                                elsewhere,
                                new PackagingRelease("2026.7", packaging, changeRequests),
                                KNOWN,
                                outdated,
                                absent::contains,
                                "https://jira.example/browse/",
                                List.of()),
                        custom);
    }

    @Test
    void customFindingsJoinTheReportCountedUnderTheirKeyAndTicketOnesInTheAssigneeTable() {
        jira.add(done("ET-1", ALICE));
        packaging.add(packaged("ET-1"));
        Category pipeline = Category.custom("pipeline-green", "Release pipeline not green");
        Category doNotShip = Category.custom("do-not-ship", "Marked do-not-ship");
        Category incidents = Category.custom("incidents", "Open incidents");

        ReleaseReport report = run(new CustomResults(
                List.of(pipeline, doNotShip, incidents),
                List.of(
                        new Finding(null, null, pipeline, Severity.BLOCKING, null, "last pipeline failed", null),
                        new Finding(
                                "ET-1", "s", doNotShip, Severity.BLOCKING, ALICE.id(), "labelled do-not-ship", null))));

        assertThat(report.summary().keySet())
                .extracting(Category::key)
                .endsWith("custom:do-not-ship", "custom:incidents", "custom:pipeline-green");
        assertThat(report.count(pipeline)).isEqualTo(1);
        assertThat(report.count(incidents)).isZero();
        assertThat(report.byAssignee()).singleElement().satisfies(row -> {
            assertThat(row.tickets(doNotShip)).containsExactly("ET-1");
            assertThat(row.tickets(pipeline)).isEmpty();
        });
        tools.jackson.databind.JsonNode json = new dev.preflight.report.ReportJson().tree(report);
        assertThat(json.path("summary").path("custom:pipeline-green").asInt()).isEqualTo(1);
        assertThat(json.path("findings").get(0).has("ticket")).isFalse();
        assertThat(json.path("findings").get(0).path("label").asString()).isEqualTo("Release pipeline not green");
    }

    @Test
    void aCleanReleaseHasNoFindings() {
        jira.add(done("ET-1", ALICE, "SIX-OMS 3.2.1"));
        packaging.add(packaged("ET-1", "CR-1"));
        changeRequests.add(new PackagingRelease.ChangeRequest("CR-1", "ET-1", "", true, List.of()));

        ReleaseReport report = run();

        assertThat(report.findings()).isEmpty();
        assertThat(report.byAssignee()).isEmpty();
        assertThat(report.summary())
                .containsOnlyKeys(Category.builtIn())
                .allSatisfy((c, n) -> assertThat(n).isZero());
    }

    @Test
    void anEmptyReleaseIsAValidReport() {
        assertThat(run().findings()).isEmpty();
    }

    @Test
    void ticketsOnOneSideOnlyAreMissingOnTheOther() {
        jira.add(done("ET-1", ALICE));
        packaging.add(packaged("ET-2"));
        packaging.add(packaged("ET-3"));
        elsewhere.add(Tickets.withFixVersions(done("ET-2", BOB), new JiraTicket.FixVersion("H3-2026.6", true)));

        ReleaseReport report = run();

        assertThat(report.findings(Category.MISSING_IN_PACKAGING))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.ticket()).isEqualTo("ET-1");
                    assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
                    assertThat(f.assignee()).isEqualTo("alice@example.com");
                    assertThat(f.url()).isEqualTo("https://jira.example/browse/ET-1");
                });
        assertThat(report.findings(Category.MISSING_IN_JIRA))
                .extracting(Finding::ticket, Finding::detail)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "ET-2",
                                "in packaging release 2026.7 but not in Jira release"
                                        + " H3-2026.7 (in Jira with fix version H3-2026.6)"),
                        org.assertj.core.groups.Tuple.tuple(
                                "ET-3",
                                "in packaging release 2026.7 but not in Jira release"
                                        + " H3-2026.7 (unknown to Jira)"));
        assertThat(report.findings(Category.MISSING_IN_JIRA).getFirst().assignee())
                .isEqualTo("bob@example.com");
    }

    @Test
    void aPatchVersionRecordedByThePackagingServerIsAnInvalidFixVersion() {
        jira.add(done("ET-1", ALICE));
        packaging.add(new PackagingRelease.Ticket("ET-1", "2026.7.1", List.of()));

        assertThat(run().findings(Category.INVALID_FIX_VERSION))
                .singleElement()
                .extracting(Finding::detail)
                .isEqualTo("packaging server records fix version 2026.7.1, expected 2026.7");
    }

    @Test
    void severalUnreleasedFixVersionsAreInvalidButAReleasedOneIsNot() {
        jira.add(Tickets.withFixVersions(
                done("ET-1", ALICE),
                new JiraTicket.FixVersion("H3-2026.7", false),
                new JiraTicket.FixVersion("H3-2026.8", false)));
        jira.add(Tickets.withFixVersions(
                done("ET-2", ALICE),
                new JiraTicket.FixVersion("H3-2026.6", true),
                new JiraTicket.FixVersion("H3-2026.7", false)));
        packaging.add(packaged("ET-1"));
        packaging.add(packaged("ET-2"));

        assertThat(run().findings(Category.INVALID_FIX_VERSION)).singleElement().satisfies(f -> {
            assertThat(f.ticket()).isEqualTo("ET-1");
            assertThat(f.detail()).isEqualTo("several unreleased fix versions in Jira: H3-2026.7, H3-2026.8");
        });
    }

    @Test
    void aDisabledChangeRequestIsReportedOncePerTicketNamingEachCr() {
        jira.add(done("ET-1", ALICE));
        packaging.add(packaged("ET-1", "CR-1", "CR-2", "CR-3"));
        changeRequests.add(new PackagingRelease.ChangeRequest("CR-1", "ET-1", "", false, List.of()));
        changeRequests.add(new PackagingRelease.ChangeRequest("CR-2", "ET-1", "", true, List.of()));
        changeRequests.add(new PackagingRelease.ChangeRequest("CR-3", "ET-1", "", false, List.of()));

        ReleaseReport report = run();

        assertThat(report.findings(Category.DISABLED_CHANGE_REQUEST))
                .singleElement()
                .extracting(Finding::detail)
                .isEqualTo("change request CR-1 is disabled; change request CR-3 is disabled");
        assertThat(report.count(Category.DISABLED_CHANGE_REQUEST)).isEqualTo(1);
    }

    /** Pasted text carries no-break and zero-width spaces a reader cannot see. */
    @Test
    void invisibleCharactersInDeclaredPackagesAreNormalisedOrShownEscaped() {
        jira.add(done("ET-1", ALICE, "SIX-OMS\u00A03.2"));
        jira.add(done("ET-2", ALICE, "\u200BSIX-OMS 3.2\u200B"));
        jira.add(done("ET-3", ALICE, "SIX-OMS\u2009\u20093.2\uFEFF"));
        jira.add(done("ET-4", ALICE, "SIX-OMS 3.2\u00A0beta"));
        jira.forEach(t -> packaging.add(packaged(t.key())));

        ReleaseReport report = run();

        assertThat(report.findings(Category.INVALID_PACKAGE))
                .extracting(Finding::ticket, Finding::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "ET-4", "'SIX-OMS 3.2\\u00A0beta' is malformed (expected NAME x.y or NAME x.y.z)"));
    }

    @Test
    void declaredPackagesMustBeWellFormedKnownAtAKnownVersionAndDeclaredOnce() {
        jira.add(done("ET-1", ALICE, "SIX-QTI-TRX"));
        jira.add(done("ET-2", ALICE, "SIX-NOPE 1.0"));
        jira.add(done("ET-3", ALICE, "SIX-QTI-TRX 9.9.9"));
        jira.add(done("ET-4", ALICE, "SIX-OMS 3.2", "SIX-OMS 3.2.1"));
        jira.add(done("ET-5", ALICE, "SIX-OMS 3.2.1.4"));
        jira.add(done("ET-6", ALICE, "SIX-OMS 3.2", "  "));
        jira.forEach(t -> packaging.add(packaged(t.key())));

        ReleaseReport report = run();

        assertThat(report.findings(Category.INVALID_PACKAGE))
                .extracting(Finding::ticket, Finding::detail)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "ET-1", "'SIX-QTI-TRX' is malformed (expected NAME x.y or NAME x.y.z)"),
                        org.assertj.core.groups.Tuple.tuple("ET-2", "SIX-NOPE is unknown to the packaging server"),
                        org.assertj.core.groups.Tuple.tuple(
                                "ET-3",
                                "SIX-QTI-TRX 9.9.9: the packaging server has no such"
                                        + " version (it has 0.12.0, 0.13.0)"),
                        org.assertj.core.groups.Tuple.tuple("ET-4", "SIX-OMS is declared 2 times (3.2, 3.2.1)"),
                        org.assertj.core.groups.Tuple.tuple(
                                "ET-5", "'SIX-OMS 3.2.1.4' is malformed (expected NAME x.y or" + " NAME x.y.z)"));
        assertThat(report.findings(Category.INVALID_PACKAGE).getFirst().severity())
                .isEqualTo(Severity.SEMI_BLOCKING);
    }

    @Test
    void outdatedPackagesAreReportedPerPackageWithTheTicketsCarryingThem() {
        jira.add(done("ET-2", ALICE));
        jira.add(done("ET-10", BOB));
        packaging.add(packaged("ET-10", "CR-10"));
        packaging.add(packaged("ET-2", "CR-2"));
        PackageVersion old = new PackageVersion("SIX-QTI-TRX", "0.12.0");
        changeRequests.add(new PackagingRelease.ChangeRequest("CR-10", "ET-10", "", true, List.of(old)));
        changeRequests.add(new PackagingRelease.ChangeRequest("CR-2", "ET-2", "", true, List.of(old)));
        outdated = Optional.of(List.of(new ReleaseSnapshot.OutdatedWarning("SIX-QTI-TRX", "0.12.0", "0.13.0")));

        ReleaseReport report = run();

        assertThat(report.outdatedPackages())
                .containsExactly(new OutdatedPackage("SIX-QTI-TRX", "0.12.0", "0.13.0", List.of("ET-2", "ET-10")));
        assertThat(report.count(Category.OUTDATED_PACKAGE)).isEqualTo(1);
        assertThat(report.findings(Category.OUTDATED_PACKAGE))
                .extracting(Finding::ticket)
                .containsExactly("ET-2", "ET-10");
    }

    @Test
    void aSkippedProbeIsSaidInTheNotes() {
        outdated = Optional.empty();

        assertThat(run().notes()).contains("outdated-package probe skipped");
    }

    @Test
    void readinessUsesTheStatusCategoryAndTheOptionalQcField() {
        jira.add(Tickets.withStatus(done("ET-1", ALICE), "En recette", StatusCategory.INDETERMINATE));
        jira.add(Tickets.withStatus(done("ET-2", ALICE), "Terminé", StatusCategory.DONE));
        JiraTicket qcPending = done("ET-3", ALICE);
        jira.add(new JiraTicket(
                "ET-3", "", "Done", StatusCategory.DONE, false, qcPending.fixVersions(), ALICE, BOB, CAROL, List.of()));
        jira.forEach(t -> packaging.add(packaged(t.key())));

        assertThat(run().findings(Category.UNREADY))
                .extracting(Finding::ticket, Finding::detail, Finding::severity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "ET-1", "status En recette (indeterminate)", Severity.MINOR),
                        org.assertj.core.groups.Tuple.tuple("ET-3", "QC not done", Severity.MINOR));
    }

    @Test
    void anAbsentAssigneeIsReplacedByTheQcAssigneeThenTheReviewerWhoArePresent() {
        jira.add(Tickets.withStatus(done("ET-1", ALICE), "To Do", StatusCategory.NEW));
        packaging.add(packaged("ET-1"));
        absent = Set.of("alice@example.com");

        AssigneeRow row = run().byAssignee().getFirst();

        assertThat(row.absent()).isTrue();
        assertThat(row.recipients()).containsExactly("bob@example.com", "carol@example.com");
        assertThat(row.note()).isEqualTo("assignee absent; notifying substitutes");
    }

    @Test
    void whenEveryoneIsAbsentTheRowSaysNobodyIsLeft() {
        jira.add(Tickets.withStatus(done("ET-1", ALICE), "To Do", StatusCategory.NEW));
        packaging.add(packaged("ET-1"));
        absent = Set.of("alice@example.com", "bob@example.com", "carol@example.com");

        AssigneeRow row = run().byAssignee().getFirst();

        assertThat(row.recipients()).isEmpty();
        assertThat(row.note()).isEqualTo("assignee absent; no substitute available to notify");
    }

    @Test
    void anUnassignedTicketNotifiesItsSubstitutesAndComesLast() {
        jira.add(Tickets.withStatus(done("ET-1", ALICE), "To Do", StatusCategory.NEW));
        jira.add(Tickets.withPeople(
                Tickets.withStatus(done("ET-2", ALICE), "To Do", StatusCategory.NEW), null, BOB, CAROL));
        jira.forEach(t -> packaging.add(packaged(t.key())));

        List<AssigneeRow> rows = run().byAssignee();

        assertThat(rows).extracting(AssigneeRow::assignee).containsExactly("alice@example.com", AssigneeRow.UNASSIGNED);
        assertThat(rows.getLast().recipients()).containsExactly("bob@example.com", "carol@example.com");
        assertThat(rows.getLast().note()).isEqualTo("unassigned; notifying substitutes");
    }

    @Test
    void aHiddenEmailThatStaysUnknownIsSaidAndTheRowFallsBackToSubstitutes() {
        Person hidden = new Person(null, "Dave Hidden", "acc-42");
        jira.add(Tickets.withPeople(
                Tickets.withStatus(done("ET-1", ALICE), "To Do", StatusCategory.NEW), hidden, BOB, CAROL));
        packaging.add(packaged("ET-1"));

        ReleaseReport report = run();

        AssigneeRow row = report.byAssignee().getFirst();
        assertThat(row.assignee()).isEqualTo("jira:acc-42");
        assertThat(row.recipients()).containsExactly("bob@example.com", "carol@example.com");
        assertThat(report.notes())
                .contains("e-mail of Dave Hidden (Jira account acc-42) is hidden by Jira and not found"
                        + " in the directory: cannot be notified");
    }

    @Test
    void severitiesAreConfigurable() {
        jira.add(done("ET-1", ALICE));
        ReleaseReport report = new ReleaseCheck(new CheckPolicy(Map.of(Category.MISSING_IN_PACKAGING, Severity.MINOR)))
                .run(new ReleaseSnapshot(
                        "ET",
                        "H3-2026.7",
                        "2026.7",
                        Instant.EPOCH,
                        jira,
                        List.of(),
                        new PackagingRelease("2026.7", List.of(), List.of()),
                        Map.of(),
                        Optional.empty(),
                        ReleaseSnapshot.Availability.everyonePresent(),
                        null,
                        List.of()));

        assertThat(report.findings())
                .singleElement()
                .extracting(Finding::severity)
                .isEqualTo(Severity.MINOR);
        assertThat(report.findings().getFirst().url()).isNull();
    }

    @Test
    void ticketKeysAreOrderedNumerically() {
        assertThat(List.of("ET-10", "ET-9", "AB-100", "ET-100").stream()
                        .sorted(ReleaseCheck::compareKeys)
                        .toList())
                .containsExactly("AB-100", "ET-9", "ET-10", "ET-100");
    }
}
