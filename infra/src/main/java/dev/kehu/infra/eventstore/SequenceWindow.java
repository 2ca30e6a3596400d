package dev.kehu.infra.eventstore;

import com.mongodb.client.MongoCollection;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;

import java.util.HashMap;
import java.util.Map;

/**
 * One read of an aggregate's events at sequence numbers {@code first … first + size - 1}: a single
 * {@code streamKey $in} query on the one-field unique index ({@link EventFields#STREAM_KEY}), which the embedded
 * server answers from the index (it does not use the compound {@code (aggregateId, seq)} index for {@code $in}).
 * Used by the engine to load aggregates and by the audit log to read histories.
 */
public final class StreamKeyWindow {

    private StreamKeyWindow() {
    }

    /** The documents found, by sequence number; a sequence number with no document (or no stream key) is absent. */
    public static Map<Long, BsonDocument> read(MongoCollection<BsonDocument> events, String aggregateId, long first,
                                               int size) {
        BsonArray keys = new BsonArray(size);
        for (long seq = first; seq < first + size; seq++) {
            keys.add(new BsonString(EventFields.streamKey(aggregateId, seq)));
        }
        Map<Long, BsonDocument> bySeq = new HashMap<>();
        for (BsonDocument document : events.find(new BsonDocument(EventFields.STREAM_KEY,
                new BsonDocument("$in", keys)))) {
            bySeq.put(document.getNumber(EventFields.SEQ).longValue(), document);
        }
        return bySeq;
    }
}
