package dev.preflight.sla;

import java.time.Duration;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * One target of a problem, in business time: how much has passed and how much is left.
 *
 * @param due when the target falls due, or null for best effort
 * @param remaining negative once breached; null for best effort
 */
public record SlaClock(
        Target target,
        @Nullable Duration allowed,
        @Nullable OffsetDateTime due,
        Duration elapsed,
        @Nullable Duration remaining,
        State state) {

    public enum Target {
        ACKNOWLEDGE,
        WORKAROUND;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum State {
        /** no target: best effort */
        NONE,
        RUNNING,
        /** 75 % of the target gone */
        WARNING,
        BREACHED,
        MET_IN_TIME,
        MET_LATE;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public boolean breached() {
        return state == State.BREACHED || state == State.MET_LATE;
    }

    /** The share of the target gone, 0 without a target. */
    public double used() {
        return allowed == null || allowed.isZero() ? 0 : (double) elapsed.toSeconds() / allowed.toSeconds();
    }
}
