package dev.kehu.infra.eventstore;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Which unique index refused an insert into {@code events}. Each calls for a different answer:
 * <ul>
 *   <li>{@link #POSITION}: another instance took the position ({@code _id}) first: find the head again and retry;</li>
 *   <li>{@link #AGGREGATE_SEQUENCE}: another event of the aggregate has this sequence number (index
 *       {@value #AGGREGATE_SEQUENCE_INDEX}): an optimistic-concurrency conflict, unless a dead writer's commit holds
 *       the key;</li>
 *   <li>{@link #EVENT_IDENTIFIER}: an event with this identifier is already stored (index
 *       {@value #EVENT_ID_INDEX}): never retried, the commit fails;</li>
 *   <li>{@link #UNKNOWN}: not a duplicate key, or one the server did not name.</li>
 * </ul>
 * MongoDB names the index in the write error's message ({@code "E11000 duplicate key error collection: db.events
 * index: eventId_unique dup key: …"}), and since 4.4 also gives its key pattern in the error's details;
 * mongo-java-server gives the message only. Both are read.
 */
enum WriteConflict {
    POSITION, AGGREGATE_SEQUENCE, EVENT_IDENTIFIER, UNKNOWN;

    static final String AGGREGATE_SEQUENCE_INDEX = "aggregateId_seq_unique";
    static final String EVENT_ID_INDEX = "eventId_unique";
    /** The single-field twin of {@value #AGGREGATE_SEQUENCE_INDEX} in older stores (see {@link EventFields#STREAM_KEY}). */
    static final String STREAM_KEY_INDEX = "streamKey_unique";
    private static final int DUPLICATE_KEY = 11000;

    /** The conflict of the first write error of a failed ordered insert. */
    static WriteConflict of(MongoBulkWriteException e) {
        return e.getWriteErrors().isEmpty() ? UNKNOWN : of(e.getWriteErrors().get(0));
    }

    static WriteConflict of(BulkWriteError error) {
        if (error.getCode() != DUPLICATE_KEY) {
            return UNKNOWN;
        }
        BsonValue keyPattern = error.getDetails() == null ? null : error.getDetails().get("keyPattern");
        if (keyPattern != null && keyPattern.isDocument()) {
            return ofKeyPattern(keyPattern.asDocument());
        }
        String message = error.getMessage() == null ? "" : error.getMessage();
        if (message.contains("index: " + EVENT_ID_INDEX + " ")) {
            return EVENT_IDENTIFIER;
        }
        if (message.contains("index: " + AGGREGATE_SEQUENCE_INDEX + " ")
                || message.contains("index: " + STREAM_KEY_INDEX + " ")) {
            return AGGREGATE_SEQUENCE;
        }
        if (message.contains("index: _id_ ")) {
            return POSITION;
        }
        return UNKNOWN;
    }

    private static WriteConflict ofKeyPattern(BsonDocument keyPattern) {
        if (keyPattern.containsKey(EventFields.EVENT_ID)) {
            return EVENT_IDENTIFIER;
        }
        if (keyPattern.containsKey(EventFields.SEQ) || keyPattern.containsKey(EventFields.STREAM_KEY)) {
            return AGGREGATE_SEQUENCE;
        }
        return keyPattern.containsKey(EventFields.ID) ? POSITION : UNKNOWN;
    }
}
