package dev.preflight.report;

import dev.preflight.check.Category;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-assignee table as the release managers read it, in the terminal, Markdown, the web
 * page and the Teams card alike: User, then these categories' tickets.
 */
public final class AssigneeTable {

    public static final List<Category> COLUMNS = List.of(
            Category.MISSING_IN_PACKAGING,
            Category.INVALID_FIX_VERSION,
            Category.DISABLED_CHANGE_REQUEST,
            Category.INVALID_PACKAGE,
            Category.UNREADY);

    private AssigneeTable() {}

    /** The column's short heading ("Invalid FV"). */
    public static String heading(Category category) {
        return switch (category) {
            case MISSING_IN_PACKAGING -> "Missing in packaging";
            case INVALID_FIX_VERSION -> "Invalid FV";
            default -> category.label();
        };
    }

    /** "User" and every column's heading. */
    public static List<String> headings() {
        List<String> headings = new ArrayList<>(List.of("User"));
        COLUMNS.forEach(category -> headings.add(heading(category)));
        return List.copyOf(headings);
    }
}
