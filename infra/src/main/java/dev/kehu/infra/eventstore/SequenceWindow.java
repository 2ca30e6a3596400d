package dev.kehu.infra.eventstore;

import com.mongodb.client.MongoCollection;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;

import java.util.HashMap;
import java.util.Map;

/**
 * One read of an aggregate's events at sequence numbers {@code first … first + size - 1}: a single range query
 * {@code {aggregateId: id, seq: {$gte: first, $lt: first + size}}} on the compound unique index, which MongoDB and
 * the embedded server (Kehu's store walks the index's keys) both answer from the index, costing the events found,
 * not the keys asked for. Used by the engine to load aggregates and by the audit log to read histories.
 */
public final class SequenceWindow {

    private SequenceWindow() {
    }

    /** The documents found, by sequence number; a sequence number with no document is absent. */
    public static Map<Long, BsonDocument> read(MongoCollection<BsonDocument> events, String aggregateId, long first,
                                               int size) {
        BsonDocument query = new BsonDocument(EventFields.AGGREGATE_ID, new BsonString(aggregateId))
                .append(EventFields.SEQ, new BsonDocument("$gte", new BsonInt64(first))
                        .append("$lt", new BsonInt64(first + size)));
        Map<Long, BsonDocument> bySeq = new HashMap<>();
        for (BsonDocument document : events.find(query)) {
            bySeq.put(document.getNumber(EventFields.SEQ).longValue(), document);
        }
        return bySeq;
    }
}
