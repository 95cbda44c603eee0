package dev.preflight.check;

import org.jspecify.annotations.Nullable;

/**
 * Someone named on a ticket. The e-mail is what Preflight uses to identify and notify people; it is
 * null when Jira hides it (privacy settings) and the directory could not supply it.
 */
public record Person(
        @Nullable String email,
        @Nullable String displayName,
        @Nullable String accountId) {

    /** A stable identity for grouping: the e-mail, else the Jira account. */
    public String id() {
        if (email != null) {
            return email;
        }
        if (accountId != null) {
            return "jira:" + accountId;
        }
        return "unknown:" + displayName;
    }

    public String name() {
        return displayName != null ? displayName : id();
    }

    public boolean hasEmail() {
        return email != null;
    }
}
