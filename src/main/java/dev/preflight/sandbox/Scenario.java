package dev.preflight.sandbox;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A sandbox scenario (format {@code preflight-scenario/1}); see docs/scenario-format.md. */
public record Scenario(
        String format,
        Jira jira,
        List<User> users,
        Packaging packaging,
        List<Absence> absences,
        Map<String, Integer> latencyMs,
        List<Fault> faults) {

    public static final String FORMAT = "preflight-scenario/1";

    public Scenario {
        users = orEmpty(users);
        absences = orEmpty(absences);
        latencyMs = latencyMs == null ? Map.of() : Map.copyOf(latencyMs);
        faults = orEmpty(faults);
    }

    public record Jira(Project project, Fields fields, List<Version> versions, List<Issue> issues) {
        public Jira {
            versions = orEmpty(versions);
            issues = orEmpty(issues);
            fields = fields == null ? new Fields(null, null, null, null) : fields;
        }
    }

    public record Project(String key, @Nullable String name) {}

    /** The custom-field ids this Jira uses; the defaults are the demo's. */
    public record Fields(
            @Nullable String qcAssignee,
            @Nullable String codeReviewer,
            @Nullable String packages,
            @Nullable String qcStatus) {
        public Fields {
            qcAssignee = Objects.requireNonNullElse(qcAssignee, "customfield_10201");
            codeReviewer = Objects.requireNonNullElse(codeReviewer, "customfield_10202");
            packages = Objects.requireNonNullElse(packages, "customfield_10203");
        }
    }

    public record Version(
            String name,
            @Nullable Boolean released,
            @Nullable Boolean archived,
            @Nullable LocalDate releaseDate) {
        public boolean isReleased() {
            return Boolean.TRUE.equals(released);
        }

        public boolean isArchived() {
            return Boolean.TRUE.equals(archived);
        }
    }

    public record Issue(
            String key,
            @Nullable String summary,
            @Nullable String status,
            String statusCategory,
            List<String> fixVersions,
            @Nullable String assignee,
            @Nullable String qcAssignee,
            @Nullable String codeReviewer,
            List<String> packages,
            @Nullable String qcStatus) {
        public Issue {
            fixVersions = orEmpty(fixVersions);
            packages = orEmpty(packages);
            summary = Objects.requireNonNullElse(summary, key);
        }
    }

    public record User(
            String email,
            @Nullable String displayName,
            @Nullable String accountId,
            @Nullable String upn,
            @Nullable Boolean emailVisible) {
        public boolean isEmailVisible() {
            return !Boolean.FALSE.equals(emailVisible);
        }
    }

    public record Packaging(
            @Nullable String project,
            @Nullable String releasePrefix,
            List<Release> releases,
            List<Ticket> tickets,
            List<ChangeRequest> changeRequests,
            List<Package> packages) {
        public Packaging {
            releasePrefix = Objects.requireNonNullElse(releasePrefix, "");
            releases = orEmpty(releases);
            tickets = orEmpty(tickets);
            changeRequests = orEmpty(changeRequests);
            packages = orEmpty(packages);
        }
    }

    public record Release(String name, @Nullable String state) {}

    /** {@code release} is the packaging release holding the ticket; it defaults to its fix version. */
    public record Ticket(
            String key, String fixVersion, @Nullable String release, List<String> changeRequests) {
        public Ticket {
            changeRequests = orEmpty(changeRequests);
        }

        public String releaseName() {
            return release != null ? release : fixVersion;
        }
    }

    public record ChangeRequest(
            String id,
            String ticketKey,
            @Nullable String label,
            @Nullable Boolean enabled,
            List<PackageRef> packages) {
        public ChangeRequest {
            packages = orEmpty(packages);
        }

        public boolean isEnabled() {
            return !Boolean.FALSE.equals(enabled);
        }
    }

    public record PackageRef(String name, String version) {}

    public record Package(
            String name, List<String> versions, @Nullable String latest) {
        public Package {
            versions = orEmpty(versions);
        }

        /** The declared latest, else the last version listed. */
        public @Nullable String latestVersion() {
            return latest != null ? latest : versions.isEmpty() ? null : versions.getLast();
        }
    }

    /** A leave from {@code from} to {@code to} inclusive; {@code halfDay} am/pm makes it a half-day. */
    public record Absence(
            String email,
            LocalDate from,
            LocalDate to,
            @Nullable String halfDay,
            @Nullable Boolean cancelled) {}

    /** An injected failure; see docs/scenario-format.md for the kinds. */
    public record Fault(
            String target,
            @Nullable Integer status,
            @Nullable Integer retryAfterS,
            @Nullable Integer times,
            @Nullable String kind,
            @Nullable Integer count,
            @Nullable String path) {}

    private static <T> List<T> orEmpty(@Nullable List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
