package dev.preflight.upstream;

import org.jspecify.annotations.Nullable;

/**
 * An upstream that failed to answer usefully. The message is one line naming the upstream, the
 * endpoint and the last status; it never holds credentials.
 */
public class UpstreamException extends RuntimeException {

    private final String upstream;
    private final int status;

    public UpstreamException(String upstream, String endpoint, int status, String problem) {
        this(upstream, endpoint, status, problem, null);
    }

    public UpstreamException(String upstream, String endpoint, int status, String problem, @Nullable Throwable cause) {
        super(upstream + ": " + endpoint + (status > 0 ? " answered " + status : "") + ": " + problem, cause);
        this.upstream = upstream;
        this.status = status;
    }

    public String upstream() {
        return upstream;
    }

    /** The last HTTP status, or 0 when none was received. */
    public int status() {
        return status;
    }
}
