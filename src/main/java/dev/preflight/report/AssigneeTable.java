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
        return category.equals(Category.INVALID_FIX_VERSION) ? "Invalid FV" : category.label();
    }

    /** The built-in columns, then one per custom check that found something on a ticket. */
    public static List<Category> columns(dev.preflight.check.ReleaseReport report) {
        List<Category> columns = new ArrayList<>(COLUMNS);
        report.findings().stream()
                .filter(f -> f.category().isCustom() && f.ticket() != null)
                .map(dev.preflight.check.Finding::category)
                .distinct()
                .sorted()
                .forEach(columns::add);
        return List.copyOf(columns);
    }

    /** "User" and every column's heading. */
    public static List<String> headings(List<Category> columns) {
        List<String> headings = new ArrayList<>(List.of("User"));
        columns.forEach(category -> headings.add(heading(category)));
        return List.copyOf(headings);
    }
}
