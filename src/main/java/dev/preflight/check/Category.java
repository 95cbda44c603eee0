package dev.preflight.check;

import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a finding is about: one of the seven built-in checks, in the order the report and the Teams
 * card list them, or a team's custom check ({@code custom:<name>}, listed after them by name).
 * Equal by key.
 */
public final class Category implements Comparable<Category> {

    public static final Category MISSING_IN_PACKAGING = new Category("missingInPackaging", "Missing in packaging", 0);
    public static final Category MISSING_IN_JIRA = new Category("missingInJira", "Missing in Jira", 1);
    public static final Category INVALID_FIX_VERSION = new Category("invalidFixVersion", "Invalid fix version", 2);
    public static final Category DISABLED_CHANGE_REQUEST = new Category("disabledChangeRequest", "Disabled CRs", 3);
    public static final Category INVALID_PACKAGE = new Category("invalidPackage", "Invalid packages", 4);
    public static final Category OUTDATED_PACKAGE = new Category("outdatedPackage", "Outdated packages", 5);
    public static final Category UNREADY = new Category("unready", "Unready", 6);

    private static final List<Category> BUILT_IN = List.of(
            MISSING_IN_PACKAGING,
            MISSING_IN_JIRA,
            INVALID_FIX_VERSION,
            DISABLED_CHANGE_REQUEST,
            INVALID_PACKAGE,
            OUTDATED_PACKAGE,
            UNREADY);

    public static final String CUSTOM_PREFIX = "custom:";

    /** A custom check's name: it becomes part of a JSON key, a URL filter and a column name. */
    public static final Pattern CUSTOM_NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private final String key;
    private final String label;
    private final int order;

    private Category(String key, String label, int order) {
        this.key = key;
        this.label = label;
        this.order = order;
    }

    /** The seven built-in checks, in report order. */
    public static List<Category> builtIn() {
        return BUILT_IN;
    }

    /** The category of the custom check {@code name}, shown as {@code label}. */
    public static Category custom(String name, @Nullable String label) {
        if (!CUSTOM_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "custom check name '" + excerpt(name) + "' must match " + CUSTOM_NAME.pattern());
        }
        return new Category(CUSTOM_PREFIX + name, label == null || label.isBlank() ? name : label, BUILT_IN.size());
    }

    /** The stable JSON key of the report format. */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public boolean isCustom() {
        return order == BUILT_IN.size();
    }

    /** A built-in category by key or constant name, or a custom one by its {@code custom:} key. */
    public static Category fromKey(String key) {
        for (Category category : BUILT_IN) {
            if (category.key.equalsIgnoreCase(key) || category.constantName().equalsIgnoreCase(key)) {
                return category;
            }
        }
        if (key.startsWith(CUSTOM_PREFIX)) {
            String name = key.substring(CUSTOM_PREFIX.length());
            return custom(name, name);
        }
        throw new IllegalArgumentException("unknown category '" + excerpt(key) + "' (expected one of "
                + BUILT_IN.stream().map(Category::key).toList() + " or custom:<name>)");
    }

    /** MISSING_IN_PACKAGING for missingInPackaging: the spelling settings and older exports use. */
    private String constantName() {
        return key.replaceAll("([A-Z])", "_$1").toUpperCase(java.util.Locale.ROOT);
    }

    private static String excerpt(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    @Override
    public int compareTo(Category other) {
        int byOrder = Integer.compare(order, other.order);
        return byOrder != 0 ? byOrder : key.compareTo(other.key);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Category category && key.equals(category.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return key;
    }
}
