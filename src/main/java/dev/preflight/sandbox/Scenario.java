package dev.preflight.sandbox;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
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
        List<Fault> faults,
        List<Endpoint> endpoints) {

    public static final String FORMAT = "preflight-scenario/1";

    public Scenario {
        users = orEmpty(users);
        absences = orEmpty(absences);
        latencyMs = latencyMs == null ? Map.of() : Map.copyOf(latencyMs);
        faults = orEmpty(faults);
        endpoints = orEmpty(endpoints);
    }

    /** A scenario without custom-check source endpoints (the shape before they existed). */
    public Scenario(
            String format,
            Jira jira,
            List<User> users,
            Packaging packaging,
            List<Absence> absences,
            Map<String, Integer> latencyMs,
            List<Fault> faults) {
        this(format, jira, users, packaging, absences, latencyMs, faults, List.of());
    }

    /** This scenario with other faults armed from the start. */
    public Scenario withFaults(List<Fault> faults) {
        return new Scenario(format, jira, users, packaging, absences, latencyMs, faults, endpoints);
    }

    /** This scenario with another latency per target. */
    public Scenario withLatency(Map<String, Integer> latencyMs) {
        return new Scenario(format, jira, users, packaging, absences, latencyMs, faults, endpoints);
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
            @Nullable String qcStatus,
            List<String> labels,
            Map<String, @Nullable Object> fields) {
        public Issue {
            fixVersions = orEmpty(fixVersions);
            packages = orEmpty(packages);
            summary = Objects.requireNonNullElse(summary, key);
            labels = orEmpty(labels);
            // a field may be set to null on purpose (Jira answers null for an empty field)
            fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        /** An issue without labels or extra fields. */
        public Issue(
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
            this(
                    key,
                    summary,
                    status,
                    statusCategory,
                    fixVersions,
                    assignee,
                    qcAssignee,
                    codeReviewer,
                    packages,
                    qcStatus,
                    List.of(),
                    Map.of());
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

    /**
     * A web API a custom check's source reads: the sandbox serves it at {@code path} on the
     * {@code sources} server, with this auth, paging and content; see docs/scenario-format.md.
     */
    public record Endpoint(
            String path,
            @Nullable String method,
            @Nullable Auth auth,
            @Nullable Paginate paginate,
            @Nullable Map<String, String> query,
            @Nullable List<@Nullable Object> items,
            @Nullable Object body,
            @Nullable String contentType) {
        public Endpoint {
            query = query == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(query));
            // items may hold JSON nulls, which List.copyOf refuses
            items = items == null ? null : Collections.unmodifiableList(new ArrayList<>(items));
        }

        public String methodName() {
            return method == null ? "GET" : method;
        }

        public String authType() {
            return auth == null || auth.type() == null ? "none" : auth.type();
        }

        public Paginate paging() {
            return paginate == null ? new Paginate("none", null, null, null, null, null, null, null) : paginate;
        }
    }

    /**
     * How an endpoint authenticates: {@code none}, {@code bearer} ({@code token}), {@code basic}
     * ({@code user}, {@code password}), {@code header} ({@code name}, {@code value}) or {@code oauth2}
     * (client credentials: {@code clientId}, {@code clientSecret}, optional {@code scope} and
     * {@code expiresInS}).
     */
    public record Auth(
            String type,
            @Nullable String token,
            @Nullable String user,
            @Nullable String password,
            @Nullable String name,
            @Nullable String value,
            @Nullable String clientId,
            @Nullable String clientSecret,
            @Nullable String scope,
            @Nullable Integer expiresInS) {}

    /**
     * How an endpoint pages its items: {@code none}, {@code page}, {@code offset}, {@code cursor} or
     * {@code link}; the unset options take the defaults docs/scenario-format.md lists.
     */
    public record Paginate(
            String type,
            @Nullable String param,
            @Nullable String sizeParam,
            @Nullable Integer start,
            @Nullable Integer maxSize,
            @Nullable Integer defaultSize,
            @Nullable String itemsField,
            @Nullable String cursorField) {

        /** The page, offset or cursor parameter; GitLab's and GitHub's names by default. */
        public String paramName() {
            if (param != null) {
                return param;
            }
            return switch (type) {
                case "offset" -> "offset";
                case "cursor" -> "cursor";
                default -> "page";
            };
        }

        public String sizeParamName() {
            if (sizeParam != null) {
                return sizeParam;
            }
            return type.equals("offset") || type.equals("cursor") ? "limit" : "per_page";
        }

        /** The number of the first page (page and link paging): 1 unless 0 is set. */
        public int firstPage() {
            return start == null ? 1 : start;
        }

        public int maxPageSize() {
            return maxSize == null ? 100 : maxSize;
        }

        /** The page size when the request names none (GitLab's default of 20, capped by maxSize). */
        public int pageSize() {
            return defaultSize == null ? Math.min(20, maxPageSize()) : defaultSize;
        }

        /** Where the items sit in each answer; null: the answer is the bare array. */
        public @Nullable String itemsPath() {
            return itemsField == null && type.equals("cursor") ? "data" : itemsField;
        }

        public String cursorPath() {
            return cursorField == null ? "next" : cursorField;
        }
    }

    private static <T> List<T> orEmpty(@Nullable List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
