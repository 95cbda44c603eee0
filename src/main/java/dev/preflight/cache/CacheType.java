package dev.preflight.cache;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A kind of upstream data the servers may keep: the unit an administrator gives a lifetime and a
 * store switch. Personal types (people, absences) are not stored unless the organisation says so.
 */
public record CacheType(String name) {

    // before the constants below, which are checked against them
    private static final List<String> BUILT_IN_NAMES = List.of(
            "jira.versions",
            "jira.open-tickets",
            "packaging.releases",
            "packaging.packages",
            "directory.people",
            "absences",
            "board");

    private static final String SOURCE_PREFIX = "source.";
    // a custom source's name, as the definitions allow it
    private static final Pattern SOURCE = Pattern.compile("source\\.[a-z][a-z0-9-]{0,39}");

    public static final CacheType JIRA_VERSIONS = new CacheType("jira.versions");
    /** How many tickets of a release are not done yet: the board's live count. */
    public static final CacheType JIRA_OPEN_TICKETS = new CacheType("jira.open-tickets");

    public static final CacheType PACKAGING_RELEASES = new CacheType("packaging.releases");
    public static final CacheType PACKAGING_PACKAGES = new CacheType("packaging.packages");
    public static final CacheType DIRECTORY_PEOPLE = new CacheType("directory.people");
    public static final CacheType ABSENCES = new CacheType("absences");
    /** The board as anonymous clients see it, when it is public. */
    public static final CacheType BOARD = new CacheType("board");

    public static final List<CacheType> BUILT_IN = List.of(
            JIRA_VERSIONS,
            JIRA_OPEN_TICKETS,
            PACKAGING_RELEASES,
            PACKAGING_PACKAGES,
            DIRECTORY_PEOPLE,
            ABSENCES,
            BOARD);

    public CacheType {
        if (!BUILT_IN_NAMES.contains(name) && !SOURCE.matcher(name).matches()) {
            throw new IllegalArgumentException("cache type: '" + excerpt(name) + "' is not one of "
                    + String.join(", ", BUILT_IN_NAMES) + " or source.<name>");
        }
    }

    /** The type of a custom check source. */
    public static CacheType source(String sourceName) {
        return new CacheType(SOURCE_PREFIX + sourceName);
    }

    /** Data about people: not stored unless switched on. */
    public boolean personal() {
        return name.equals("directory.people") || name.equals("absences");
    }

    public boolean isSource() {
        return name.startsWith(SOURCE_PREFIX);
    }

    @Override
    public String toString() {
        return name;
    }

    static String excerpt(String text) {
        String oneLine = text.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 40) + "…";
    }
}
