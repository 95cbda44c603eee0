package dev.preflight.report;

import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What to check. Without a release, the project's next unreleased version.
 *
 * @param skipped steps switched off for this run
 */
public record CheckRequest(String project, @Nullable String release, Set<Step> skipped) {

    public CheckRequest {
        if (project == null || !project.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("project key '" + project + "' is not a Jira project key");
        }
        if (release != null && release.isBlank()) {
            release = null;
        }
        skipped = skipped.isEmpty() ? EnumSet.noneOf(Step.class) : EnumSet.copyOf(skipped);
    }

    public boolean runs(Step step) {
        return !skipped.contains(step);
    }

    /** The optional steps of a check. */
    public enum Step {
        /** Ask the packaging server to re-read the release from Jira first. */
        RESYNC,
        /** Create and delete the probe change request that reveals outdated packages. */
        OUTDATED;

        public static Step fromName(String name) {
            for (Step step : values()) {
                if (step.name().equalsIgnoreCase(name.trim())) {
                    return step;
                }
            }
            throw new IllegalArgumentException("unknown step '" + name.trim() + "' (expected resync or outdated)");
        }
    }
}
