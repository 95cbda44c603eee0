package dev.preflight.report;

import dev.preflight.absence.AbsenceCalendar;
import dev.preflight.absence.AbsenceProperties;
import dev.preflight.absence.HalfDay;
import dev.preflight.check.JiraTicket;
import dev.preflight.check.KnownPackage;
import dev.preflight.check.PackageVersion;
import dev.preflight.check.PackagingRelease;
import dev.preflight.check.ReleaseCheck;
import dev.preflight.check.ReleaseReport;
import dev.preflight.check.ReleaseSnapshot;
import dev.preflight.directory.DirectoryProperties;
import dev.preflight.jira.JiraClient;
import dev.preflight.jira.JiraProperties;
import dev.preflight.jira.JiraVersion;
import dev.preflight.packaging.ManagedPackagingServer;
import dev.preflight.packaging.OutdatedPackageProbe;
import dev.preflight.packaging.PackagingClient;
import dev.preflight.packaging.PackagingProperties;
import dev.preflight.reference.ReferenceData;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Builds one release's report: gathers from Jira and the packaging server side by side, enriches
 * people from the directory and the absence calendar, runs the check. The managed packaging
 * server and the probe change request are always cleaned up, whatever fails.
 */
@Service
public class ReleaseReporter {

    private static final Logger log = LoggerFactory.getLogger(ReleaseReporter.class);

    private final JiraClient jira;
    private final JiraProperties jiraProperties;
    private final PackagingClient packaging;
    private final PackagingProperties packagingProperties;
    private final DirectoryProperties directoryProperties;
    private final AbsenceCalendar absences;
    private final AbsenceProperties absenceProperties;
    private final CheckProperties checkProperties;
    private final Clock clock;
    private final dev.preflight.packaging.ManagedServerControl managedControl;
    private final dev.preflight.custom.CustomChecks custom;
    private final dev.preflight.reference.ReferenceData reference;

    public ReleaseReporter(
            JiraClient jira,
            JiraProperties jiraProperties,
            PackagingClient packaging,
            PackagingProperties packagingProperties,
            DirectoryProperties directoryProperties,
            AbsenceCalendar absences,
            AbsenceProperties absenceProperties,
            CheckProperties checkProperties,
            Optional<Clock> clock,
            dev.preflight.packaging.ManagedServerControl managedControl,
            dev.preflight.custom.CustomChecks custom,
            dev.preflight.reference.ReferenceData reference) {
        this.jira = jira;
        this.jiraProperties = jiraProperties;
        this.packaging = packaging;
        this.packagingProperties = packagingProperties;
        this.directoryProperties = directoryProperties;
        this.absences = absences;
        this.absenceProperties = absenceProperties;
        this.checkProperties = checkProperties;
        this.clock = clock.orElse(Clock.systemUTC());
        this.managedControl = managedControl;
        this.custom = custom;
        this.reference = reference;
    }

    /** The next unreleased Jira version of a project. */
    public JiraVersion nextRelease(String project) {
        return nextRelease(project, new CacheUse());
    }

    /** A check asks Jira now (and keeps the answer for pages): a version released a minute ago is not next. */
    private JiraVersion nextRelease(String project, CacheUse cached) {
        return cached.value(reference.unreleasedVersions(project, ReferenceData.Freshness.NOW)).stream()
                .findFirst()
                .orElseThrow(
                        () -> new CheckFailedException("project " + project + " has no unreleased version in Jira"));
    }

    /** A release missing from the list kept is looked for again now: it may have been created a minute ago. */
    private String knownRelease(String project, String release, CacheUse cached) {
        String all = "released,unreleased,archived";
        boolean known = cached.value(reference.versions(project, all, ReferenceData.Freshness.KEPT)).stream()
                        .anyMatch(version -> version.name().equals(release))
                || reference.versions(project, all, ReferenceData.Freshness.NOW).value().stream()
                        .anyMatch(version -> version.name().equals(release));
        if (!known) {
            throw new CheckFailedException("release " + release + " is not a version of Jira project " + project);
        }
        return release;
    }

    private String knownPackagingRelease(String project, String release, CacheUse cached) {
        if (!cached.value(reference.packagingReleases(project)).contains(release)
                && !reference
                        .packagingReleases(project, ReferenceData.Freshness.NOW)
                        .value()
                        .contains(release)) {
            throw new CheckFailedException(
                    "release " + release + " is not a release of project " + project + " on the packaging server");
        }
        return release;
    }

    /**
     * One custom check of a document not yet saved, against a release ("Try"): the release's
     * tickets come from Jira with the fields the document asks for; nothing is stored or changed.
     */
    public dev.preflight.custom.CustomChecks.Result tryCustom(
            dev.preflight.custom.CustomChecks.Run run,
            String project,
            @org.jspecify.annotations.Nullable String given) {
        String release = given != null
                ? knownRelease(project, given, new CacheUse())
                : nextRelease(project).name();
        String packagingRelease = packagingRelease(project, release);
        List<JiraTicket> tickets = jira.releaseTickets(project, release, run.jiraFields(), done -> {});
        return run.evaluate(
                new dev.preflight.custom.SourceContext(
                        project,
                        release,
                        packagingRelease,
                        tickets.stream().map(JiraTicket::key).toList()),
                tickets,
                jiraProperties.browseBase());
    }

    /** The packaging server's name of a Jira release, as configured per project. */
    private String packagingRelease(String project, String release) {
        try {
            return packagingProperties.packagingRelease(project, release);
        } catch (IllegalArgumentException e) {
            throw new CheckFailedException(e.getMessage());
        }
    }

    public ReleaseReport run(CheckRequest request, CheckProgress progress) {
        String project = request.project();
        progress.step("Finding the release");
        // a given release is confirmed by Jira inside the Jira branch, so both sides start at once
        CacheUse cached = new CacheUse();
        String release = request.release() != null
                ? request.release()
                : nextRelease(project, cached).name();
        String packagingRelease = packagingRelease(project, release);
        Instant generatedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<String> notes = new ArrayList<>();
        // the definitions in force now: the Jira fields read and the checks run agree
        dev.preflight.custom.CustomChecks.Run customRun = custom.prepare(notes::add);
        // closing the executor waits for every branch: a probe created is deleted before the
        // managed server (closed last) stops, even when the other branch failed
        try (ManagedPackagingServer ignored = startManagedServer(progress);
                ExecutorService side = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<List<JiraTicket>> jiraTickets = CompletableFuture.supplyAsync(
                    () -> {
                        progress.step("Reading Jira release " + release);
                        return jira.releaseTickets(
                                project,
                                release,
                                customRun.jiraFields(),
                                done -> progress.advance("Jira issues", done, -1));
                    },
                    side);
            // the release must exist on both sides before anything is changed (resync, probe)
            CompletableFuture<String> confirmed = CompletableFuture.supplyAsync(
                    () -> request.release() == null ? release : knownRelease(project, release, cached), side);
            CompletableFuture<String> packagingConfirmed =
                    CompletableFuture.supplyAsync(() -> knownPackagingRelease(project, packagingRelease, cached), side);
            CompletableFuture<PackagingRelease> packagingSide = confirmed.thenCombineAsync(
                    packagingConfirmed,
                    (jiraName, packagingName) -> packagingRelease(request, project, packagingRelease, progress),
                    side);
            CompletableFuture<Optional<List<ReleaseSnapshot.OutdatedWarning>>> outdatedFuture =
                    packagingSide.thenApplyAsync(
                            released -> {
                                if (!request.runs(CheckRequest.Step.OUTDATED)) {
                                    return Optional.empty();
                                }
                                progress.step("Probing for outdated packages");
                                return Optional.of(new OutdatedPackageProbe(packaging)
                                        .outdated(project, packagingRelease, released));
                            },
                            side);
            join(confirmed); // an unknown release is said as such, before the search's own error
            join(packagingConfirmed);
            List<JiraTicket> inJira = join(jiraTickets);
            PackagingRelease packagingSideRelease = join(packagingSide);

            Set<String> jiraKeys = new HashSet<>();
            inJira.forEach(ticket -> jiraKeys.add(ticket.key()));
            List<String> onlyInPackaging = packagingSideRelease.tickets().stream()
                    .map(PackagingRelease.Ticket::key)
                    .filter(key -> !jiraKeys.contains(key))
                    .distinct()
                    .toList();
            CompletableFuture<dev.preflight.custom.CustomChecks.Result> customFuture = customRun.isEmpty()
                    ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.supplyAsync(
                            () -> {
                                progress.step("Running custom checks");
                                return customRun.evaluate(
                                        new dev.preflight.custom.SourceContext(
                                                project,
                                                release,
                                                packagingRelease,
                                                inJira.stream()
                                                        .map(JiraTicket::key)
                                                        .toList()),
                                        inJira,
                                        jiraProperties.browseBase());
                            },
                            side);
            CompletableFuture<List<JiraTicket>> elsewhereFuture = CompletableFuture.supplyAsync(
                    () -> onlyInPackaging.isEmpty() ? List.<JiraTicket>of() : jira.ticketsByKey(onlyInPackaging), side);

            progress.step("Checking declared packages");
            Set<String> names = new LinkedHashSet<>();
            inJira.forEach(ticket -> ticket.declaredPackages()
                    .forEach(declared -> PackageVersion.parse(declared).ifPresent(pkg -> names.add(pkg.name()))));
            Map<String, KnownPackage> known = names.isEmpty() ? Map.of() : knownPackages(inJira, names, cached);
            List<JiraTicket> elsewhere = join(elsewhereFuture);
            Optional<List<ReleaseSnapshot.OutdatedWarning>> outdated = join(outdatedFuture);
            progress.step("Looking people up");
            People people = new People(inJira, elsewhere);
            people.resolveHiddenEmails(directoryProperties, reference, cached, notes);
            // Lucca wants the owners of the leaves it is asked for: the people of this report
            ReleaseSnapshot.Availability availability = availability(people.emails(), cached, notes);
            cached.note(clock.instant()).ifPresent(notes::add);
            dev.preflight.custom.CustomChecks.Result customResult = join(customFuture);
            if (customResult != null) {
                customResult.traces().stream()
                        .filter(trace -> trace.cacheNotice() != null)
                        .forEach(trace -> notes.add("Custom source " + trace.source() + ": " + trace.cacheNotice()));
            }

            ReleaseSnapshot snapshot = new ReleaseSnapshot(
                    project,
                    release,
                    packagingRelease,
                    generatedAt,
                    people.inRelease(),
                    people.elsewhere(),
                    packagingSideRelease,
                    known,
                    outdated,
                    availability,
                    jiraProperties.browseBase(),
                    notes);
            progress.step("Running the checks");
            return new ReleaseCheck(checkProperties.policy()).run(snapshot, customResults(customResult, people));
        }
    }

    /**
     * The catalogue entries of the declared packages, from the cache unless a declared name or
     * version is missing there: then asked now, since it may have been published a minute ago.
     */
    private Map<String, KnownPackage> knownPackages(List<JiraTicket> tickets, Set<String> names, CacheUse cached) {
        var kept = reference.packages(names, ReferenceData.Freshness.KEPT);
        boolean unsatisfied = tickets.stream()
                .flatMap(ticket -> ticket.declaredPackages().stream())
                .flatMap(declared -> PackageVersion.parse(declared).stream())
                .anyMatch(pkg -> !kept.value().containsKey(pkg.name())
                        || !kept.value().get(pkg.name()).versions().contains(pkg.version()));
        return unsatisfied && kept.fromCache()
                ? reference.packages(names, ReferenceData.Freshness.NOW).value()
                : cached.value(kept);
    }

    /** The custom checks' findings, their assignees named as the directory resolved them. */
    private static dev.preflight.check.CustomResults customResults(
            dev.preflight.custom.CustomChecks.@org.jspecify.annotations.Nullable Result result, People people) {
        if (result == null) {
            return dev.preflight.check.CustomResults.none();
        }
        for (dev.preflight.custom.SourceTrace trace : result.traces()) {
            if (trace.failed()) {
                log.warn("custom source {} failed: {}", trace.source(), trace.failure());
            } else {
                log.info(
                        "custom source {}: {} request(s), {} bytes, {} ms",
                        trace.source(),
                        trace.requests(),
                        trace.bytes(),
                        trace.took().toMillis());
            }
        }
        Map<String, JiraTicket> resolved = new java.util.HashMap<>();
        people.inRelease().forEach(ticket -> resolved.put(ticket.key(), ticket));
        List<dev.preflight.check.Finding> findings = result.results().findings().stream()
                .map(f -> {
                    JiraTicket ticket = f.ticket() == null ? null : resolved.get(f.ticket());
                    return ticket == null || ticket.assignee() == null
                            ? f
                            : new dev.preflight.check.Finding(
                                    f.ticket(),
                                    f.summary(),
                                    f.category(),
                                    f.severity(),
                                    ticket.assignee().id(),
                                    f.detail(),
                                    f.url(),
                                    f.recipients());
                })
                .toList();
        return new dev.preflight.check.CustomResults(result.results().categories(), findings);
    }

    private PackagingRelease packagingRelease(
            CheckRequest request, String project, String release, CheckProgress progress) {
        if (request.runs(CheckRequest.Step.RESYNC)) {
            progress.step("Resyncing packaging release " + release);
            packaging.resync(project, release);
        }
        progress.step("Reading packaging release " + release);
        // tickets and change requests are independent reads: side by side
        CompletableFuture<List<PackagingRelease.ChangeRequest>> changeRequestsRead = CompletableFuture.supplyAsync(
                () -> packaging.changeRequests(project, release),
                task -> Thread.ofVirtual().start(task));
        List<PackagingRelease.Ticket> tickets = packaging.tickets(project, release);
        List<PackagingRelease.ChangeRequest> changeRequests = join(changeRequestsRead);
        int orphans = new OutdatedPackageProbe(packaging).deleteOrphans(changeRequests);
        if (orphans > 0) {
            log.info("deleted {} probe change request(s) left by an earlier run", orphans);
        }
        List<PackagingRelease.ChangeRequest> real = changeRequests.stream()
                .filter(cr -> !OutdatedPackageProbe.isProbe(cr))
                .toList();
        return new PackagingRelease(release, tickets, real);
    }

    private ManagedPackagingServer startManagedServer(CheckProgress progress) {
        PackagingProperties.Managed managed = packagingProperties.managed();
        if (!managed.enabled() || managedControl.isRunning()) {
            return null; // not managed, or started by hand from the Tools tab: use that one
        }
        progress.step("Starting the packaging server");
        return ManagedPackagingServer.start(
                managed, dev.preflight.packaging.ProvisionedJdk.forManaged(managed), packaging);
    }

    private ReleaseSnapshot.Availability availability(Set<String> emails, CacheUse cached, List<String> notes) {
        java.time.ZonedDateTime now = clock.instant().atZone(absenceProperties.zone());
        HalfDay halfDay = HalfDay.of(now);
        try {
            AbsenceCalendar.Absences absent = cached.value(reference.absences(now.toLocalDate(), emails));
            return email -> absent.isAbsent(email, halfDay);
        } catch (RuntimeException e) {
            notes.add("absences unknown (" + e.getMessage() + "): everyone is taken as present");
            return ReleaseSnapshot.Availability.everyonePresent();
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /** The tickets' people, with e-mails Jira hid filled in from the directory where it knows them. */
    private static final class People {
        private List<JiraTicket> inRelease;
        private List<JiraTicket> elsewhere;

        People(List<JiraTicket> inRelease, List<JiraTicket> elsewhere) {
            this.inRelease = inRelease;
            this.elsewhere = elsewhere;
        }

        List<JiraTicket> inRelease() {
            return inRelease;
        }

        List<JiraTicket> elsewhere() {
            return elsewhere;
        }

        Set<String> emails() {
            Set<String> emails = new HashSet<>();
            for (List<JiraTicket> tickets : List.of(inRelease, elsewhere)) {
                for (JiraTicket ticket : tickets) {
                    for (var person :
                            java.util.Arrays.asList(ticket.assignee(), ticket.qcAssignee(), ticket.codeReviewer())) {
                        if (person != null && person.email() != null) {
                            emails.add(person.email());
                        }
                    }
                }
            }
            return emails;
        }

        void resolveHiddenEmails(
                DirectoryProperties properties,
                dev.preflight.reference.ReferenceData reference,
                CacheUse cached,
                List<String> notes) {
            boolean hidden = java.util.stream.Stream.concat(inRelease.stream(), elsewhere.stream())
                    .flatMap(t -> java.util.stream.Stream.of(t.assignee(), t.qcAssignee(), t.codeReviewer()))
                    .anyMatch(p -> p != null && p.email() == null);
            if (!hidden) {
                return;
            }
            try (var directory = reference.people(properties)) {
                HiddenEmails resolver = new HiddenEmails(directory, cached);
                inRelease = inRelease.stream().map(resolver::resolve).toList();
                elsewhere = elsewhere.stream().map(resolver::resolve).toList();
            } catch (RuntimeException e) {
                notes.add("hidden e-mails not resolved (" + e.getMessage() + ")");
            }
        }
    }
}
