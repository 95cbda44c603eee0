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

    /** A Jira project key as the history stores it (at most 64). */
    private static final java.util.regex.Pattern PROJECT =
            java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    /** The longest release name the history stores. */
    static final int MAX_RELEASE = 128;

    public CheckRequest {
        project = requireProject(project);
        release = requireRelease(release);
        skipped = skipped.isEmpty() ? EnumSet.noneOf(Step.class) : EnumSet.copyOf(skipped);
    }

    /** The project key, or a one-line error naming the field: checked before any upstream call. */
    public static String requireProject(@Nullable String project) {
        if (project == null || !PROJECT.matcher(project).matches()) {
            throw new IllegalArgumentException("project: '" + excerpt(project)
                    + "' is not a Jira project key (a letter, then letters, digits or '_', at most 64)");
        }
        return project;
    }

    /** The release name (null when blank), or a one-line error: no control characters, at most 128. */
    public static @Nullable String requireRelease(@Nullable String release) {
        if (release == null || release.isBlank()) {
            return null;
        }
        if (release.length() > MAX_RELEASE) {
            throw new IllegalArgumentException(
                    "release: '" + excerpt(release) + "' is longer than " + MAX_RELEASE + " characters");
        }
        if (release.codePoints().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029)) {
            throw new IllegalArgumentException(
                    "release: '" + excerpt(release) + "' contains a line break or another control character");
        }
        return release.strip();
    }

    /** At most 20 characters of what was given, control characters shown escaped. */
    private static String excerpt(@Nullable String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(20).forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return text.codePointCount(0, text.length()) > 20 ? out + "…" : out.toString();
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
