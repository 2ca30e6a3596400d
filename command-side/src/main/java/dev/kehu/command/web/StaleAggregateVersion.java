package dev.kehu.command.web;

/** The caller's If-Match version is not the aggregate's current version: answered 409. */
public class StaleAggregateVersion extends RuntimeException {

    private final String aggregateId;
    private final long expectedVersion;
    private final long currentVersion;

    public StaleAggregateVersion(String aggregateId, long expectedVersion, long currentVersion) {
        super(aggregateId + " is at version " + currentVersion + ", not at version " + expectedVersion
                + " given in If-Match; reload and retry", null, false, false);
        this.aggregateId = aggregateId;
        this.expectedVersion = expectedVersion;
        this.currentVersion = currentVersion;
    }

    public String aggregateId() {
        return aggregateId;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
