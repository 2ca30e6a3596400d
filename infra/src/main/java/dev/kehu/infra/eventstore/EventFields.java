package dev.kehu.infra.eventstore;

/** Field names of the documents in the {@code events}, {@code counters} and {@code snapshots} collections. */
public final class EventFields {

    public static final String ID = "_id";
    public static final String AGGREGATE_TYPE = "aggregateType";
    public static final String AGGREGATE_ID = "aggregateId";
    public static final String SEQ = "seq";
    public static final String EVENT_ID = "eventId";
    public static final String TYPE = "type";
    public static final String REVISION = "revision";
    public static final String TIMESTAMP = "timestamp";
    public static final String PAYLOAD = "payload";
    public static final String METADATA = "metadata";
    public static final String COMMIT_LAST = "commitLast";
    public static final String PREV_HASH = "prevHash";
    public static final String HASH = "hash";
    /** Counter document field. */
    public static final String VALUE = "value";
    /** Prefix of the aggregate id given to events that belong to no aggregate. */
    public static final String NON_AGGREGATE_PREFIX = "_event:";

    private EventFields() {
    }
}
