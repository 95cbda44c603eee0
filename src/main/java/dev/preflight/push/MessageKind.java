package dev.preflight.push;

import java.time.Duration;
import java.util.Locale;

/**
 * The three messages a person may choose, each with how long a push service should try to deliver
 * it (after that it no longer helps) and its column in {@code push_preference}.
 */
public enum MessageKind {
    /** After a check: the findings the report would @mention this person for. */
    FINDINGS("findings", Duration.ofHours(12)),
    /** The check this person started has ended. */
    FINISHED("finished", Duration.ofHours(1)),
    /** An SLA threshold passed on a problem this person must act on. */
    ESCALATION("escalations", Duration.ofHours(8));

    final String column;
    final Duration ttl;

    MessageKind(String column, Duration ttl) {
        this.column = column;
        this.ttl = ttl;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
