package dev.kehu.query.elasticsearch;

/**
 * Elasticsearch cannot answer now (down, unreachable, overloaded); the search and report endpoints answer
 * 503 with {@code Retry-After: retryAfterSeconds}.
 */
public class SearchUnavailable extends RuntimeException {

    /** Why: tells operators (in the log and the problem's {@code reason}) whether to look at the node or the load. */
    public enum Reason {
        /** Elasticsearch did not answer in time, refused the connection or answered with a server error. */
        UNREACHABLE,
        /** Recent searches failed, so this one was not even tried (the circuit is open). */
        CIRCUIT_OPEN,
        /** Every search slot was taken for longer than the short queue wait. */
        SATURATED
    }

    private final Reason reason;
    private final long retryAfterSeconds;

    public SearchUnavailable(String message, Throwable cause) {
        this(Reason.UNREACHABLE, 5, message, cause);
    }

    public SearchUnavailable(Reason reason, long retryAfterSeconds, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public Reason reason() {
        return reason;
    }

    /** Seconds a client should wait before trying again (at least 1). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
