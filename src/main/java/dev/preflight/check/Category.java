package dev.preflight.check;

/** The seven checks, in the order the report and the Teams card list them. */
public enum Category {
    MISSING_IN_PACKAGING("missingInPackaging", "Missing in packaging"),
    MISSING_IN_JIRA("missingInJira", "Missing in Jira"),
    INVALID_FIX_VERSION("invalidFixVersion", "Invalid fix version"),
    DISABLED_CHANGE_REQUEST("disabledChangeRequest", "Disabled CRs"),
    INVALID_PACKAGE("invalidPackage", "Invalid packages"),
    OUTDATED_PACKAGE("outdatedPackage", "Outdated packages"),
    UNREADY("unready", "Unready");

    private final String key;
    private final String label;

    Category(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** The stable JSON key of the report format. */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public static Category fromKey(String key) {
        for (Category category : values()) {
            if (category.key.equalsIgnoreCase(key) || category.name().equalsIgnoreCase(key)) {
                return category;
            }
        }
        throw new IllegalArgumentException("unknown category '" + key + "' (expected one of "
                + java.util.Arrays.stream(values()).map(Category::key).toList() + ")");
    }
}
