package dev.preflight.web;

import dev.preflight.jira.JiraVersion;
import dev.preflight.reference.ReferenceData;
import java.util.List;
import org.springframework.stereotype.Component;

/** Jira's unreleased versions for the release picker, through the shared cache: pages should not wait on Jira. */
@Component
class Releases {

    private final ReferenceData reference;

    Releases(ReferenceData reference) {
        this.reference = reference;
    }

    List<JiraVersion> unreleased(String project) {
        // a malformed key never reaches Jira (nor a path like "../version" built from it)
        return reference
                .unreleasedVersions(dev.preflight.report.CheckRequest.requireProject(project))
                .value();
    }
}
