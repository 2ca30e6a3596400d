package dev.kehu.infra.eventstore;

/** Field names of the documents in the {@code events} and {@code snapshots} collections. */
public final class EventFields {

    public static final String ID = "_id";
    public static final String AGGREGATE_TYPE = "aggregateType";
    public static final String AGGREGATE_ID = "aggregateId";
    public static final String SEQ = "seq";
    /**
     * {@code aggregateId + "#" + seq}, on aggregate events of stores written before aggregates were read by range on
     * {@code (aggregateId, seq)}; new events have none, and its index is dropped on start-up. Abandoning a document
     * still removes it.
     */
    public static final String STREAM_KEY = "streamKey";
    public static final String EVENT_ID = "eventId";
    public static final String TYPE = "type";
    public static final String REVISION = "revision";
    public static final String TIMESTAMP = "timestamp";
    public static final String PAYLOAD = "payload";
    public static final String METADATA = "metadata";
    /** Position of the first event of the event's commit. */
    public static final String COMMIT_FIRST = "commitFirst";
    /** Position of the last event of the event's commit. */
    public static final String COMMIT_LAST = "commitLast";
    /** True on the documents of a commit that never completed; their aggregate id is renamed to free the key. */
    public static final String ABANDONED = "abandoned";
    /** The aggregate id an abandoned document had. */
    public static final String ABANDONED_AGGREGATE_ID = "abandonedAggregateId";
    /** The event id an abandoned document had (its own is renamed, which frees the unique event id). */
    public static final String ABANDONED_EVENT_ID = "abandonedEventId";
    public static final String PREV_HASH = "prevHash";
    public static final String HASH = "hash";
    /** Prefix of the aggregate id given to events that belong to no aggregate. */
    public static final String NON_AGGREGATE_PREFIX = "_event:";
    /** Prefix of the aggregate id of an abandoned document. */
    public static final String ABANDONED_PREFIX = "_abandoned:";

    private EventFields() {
    }
}
