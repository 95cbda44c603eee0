package dev.preflight.check;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A Jira issue as the check needs it.
 *
 * @param qcDone whether the optional QC status field says done; null where no QC field is configured
 * @param declaredPackages the raw "NAME x.y.z" entries of the packages field, unparsed
 */
public record JiraTicket(
        String key,
        String summary,
        String status,
        StatusCategory statusCategory,
        @Nullable Boolean qcDone,
        List<FixVersion> fixVersions,
        @Nullable Person assignee,
        @Nullable Person qcAssignee,
        @Nullable Person codeReviewer,
        List<String> declaredPackages,
        List<String> labels,
        java.util.Map<String, Object> extraFields) {

    public JiraTicket {
        fixVersions = List.copyOf(fixVersions);
        declaredPackages = List.copyOf(declaredPackages);
        labels = List.copyOf(labels);
        // JSON values of the fields custom checks asked for, by field id; a null value is left out
        extraFields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extraFields));
    }

    /** A ticket without labels or extra fields, as the built-in checks need it. */
    public JiraTicket(
            String key,
            String summary,
            String status,
            StatusCategory statusCategory,
            @Nullable Boolean qcDone,
            List<FixVersion> fixVersions,
            @Nullable Person assignee,
            @Nullable Person qcAssignee,
            @Nullable Person codeReviewer,
            List<String> declaredPackages) {
        this(
                key,
                summary,
                status,
                statusCategory,
                qcDone,
                fixVersions,
                assignee,
                qcAssignee,
                codeReviewer,
                declaredPackages,
                List.of(),
                java.util.Map.of());
    }

    /** The same ticket with other people (e-mails found in the directory). */
    public JiraTicket withPeople(
            @Nullable Person assignee, @Nullable Person qcAssignee, @Nullable Person codeReviewer) {
        return new JiraTicket(
                key,
                summary,
                status,
                statusCategory,
                qcDone,
                fixVersions,
                assignee,
                qcAssignee,
                codeReviewer,
                declaredPackages,
                labels,
                extraFields);
    }

    public record FixVersion(String name, boolean released) {}

    public List<String> unreleasedFixVersions() {
        return fixVersions.stream()
                .filter(version -> !version.released())
                .map(FixVersion::name)
                .toList();
    }
}
