package dev.preflight.custom.http;

/** What one source run has spent so far: answer bytes against the budget, and upstream requests. */
final class Tally {

    private final long maxBytes;
    private long bytes;
    private int requests;

    Tally(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    void answered(OutboundHttp.Answer answer) {
        bytes += answer.body().length;
        requests += answer.requests();
    }

    void failed() {
        requests++;
    }

    /** The most the next answer may hold so that all answers stay within the budget. */
    long remainingBytes() {
        return Math.max(1, maxBytes - bytes);
    }

    long bytes() {
        return bytes;
    }

    int requests() {
        return requests;
    }
}
