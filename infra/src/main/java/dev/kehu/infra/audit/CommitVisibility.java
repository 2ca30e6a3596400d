package dev.kehu.infra.audit;

import com.mongodb.client.MongoCollection;
import dev.kehu.infra.eventstore.EventFields;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonValue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a stored event is visible, as the event store decides it (see the engine's commit log): not
 * abandoned, and the last document of its commit is stored. The audit readers read documents by key, outside
 * the engine, so they ask this; one instance per reader keeps the commits it has seen complete.
 */
final class CommitVisibility {

    private final MongoCollection<BsonDocument> events;
    /** First positions of multi-event commits seen complete (a complete commit stays complete). */
    private final Set<Long> completeCommits = ConcurrentHashMap.newKeySet();

    CommitVisibility(MongoCollection<BsonDocument> events) {
        this.events = events;
    }

    boolean isVisible(BsonDocument document) {
        if (document.getBoolean(EventFields.ABANDONED, BsonBoolean.FALSE).getValue()) {
            return false;
        }
        if (!document.containsKey(EventFields.COMMIT_LAST)) {
            return true; // written before commits were marked
        }
        long position = document.getNumber(EventFields.ID).longValue();
        long commitLast = document.getNumber(EventFields.COMMIT_LAST).longValue();
        BsonValue commitFirst = document.get(EventFields.COMMIT_FIRST);
        if (commitLast == position || commitFirst != null && completeCommits.contains(commitFirst.asNumber().longValue())) {
            return true;
        }
        BsonDocument last = events.find(new BsonDocument(EventFields.ID, new BsonInt64(commitLast)))
                .projection(new BsonDocument(EventFields.COMMIT_FIRST, new BsonInt32(1))).first();
        boolean complete = last != null && commitFirst != null && commitFirst.equals(last.get(EventFields.COMMIT_FIRST));
        if (complete) {
            if (completeCommits.size() > 100_000) {
                completeCommits.clear(); // a bound, not a policy: forgetting only costs a read
            }
            completeCommits.add(commitFirst.asNumber().longValue());
        }
        return complete;
    }
}
