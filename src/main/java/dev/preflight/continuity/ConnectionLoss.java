package dev.preflight.continuity;

import java.sql.SQLException;

/**
 * The one reading of a database failure as "the primary is gone": a connection failure (SQL
 * state class 08), the server shutting down or restarting (57P), or, for a write, a server that
 * is now a standby (25006). A busy pool, a constraint or a syntax error is none of these.
 */
public final class ConnectionLoss {

    private ConnectionLoss() {}

    /** No server answered, or the one answering went (killed, demoted, promoted). */
    public static boolean serverGone(Throwable failure) {
        return anyState(failure, false);
    }

    /** The same, or a write refused because the server is now read-only. */
    public static boolean lostPrimary(Throwable failure) {
        return anyState(failure, true);
    }

    private static boolean anyState(Throwable failure, boolean readOnlyToo) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || (readOnlyToo && state.equals("25006"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
