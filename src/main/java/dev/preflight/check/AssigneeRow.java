package dev.preflight.check;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One person's share of the findings, as the Teams card and the table show it.
 *
 * @param recipients who is @mentioned for this row: the assignee, or substitutes when the assignee is
 *     absent or unknown; empty when nobody is available
 * @param note why the row notifies someone other than the assignee, or nobody
 */
public record AssigneeRow(
        String assignee,
        @Nullable String displayName,
        List<String> recipients,
        boolean absent,
        Map<Category, List<String>> tickets,
        @Nullable String note) {

    public static final String UNASSIGNED = "unassigned";

    public AssigneeRow {
        recipients = List.copyOf(recipients);
    }

    public List<String> tickets(Category category) {
        return tickets.getOrDefault(category, List.of());
    }
}
