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
        List<String> declaredPackages) {

    public JiraTicket {
        fixVersions = List.copyOf(fixVersions);
        declaredPackages = List.copyOf(declaredPackages);
    }

    public record FixVersion(String name, boolean released) {}

    public List<String> unreleasedFixVersions() {
        return fixVersions.stream()
                .filter(version -> !version.released())
                .map(FixVersion::name)
                .toList();
    }
}
