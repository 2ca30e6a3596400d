package dev.kehu.infra.audit;

import com.mongodb.client.MongoCollection;
import dev.kehu.infra.eventstore.EventFields;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonValue;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
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

    /**
     * Learns in one {@code _id $in} read whether the commits of {@code documents} are complete, so that
     * {@link #isVisible} needs no read for them (one query for a window of documents, not one per commit).
     */
    void learn(Collection<BsonDocument> documents) {
        Map<Long, Long> firstByLast = new HashMap<>();
        for (BsonDocument document : documents) {
            BsonValue commitFirst = document.get(EventFields.COMMIT_FIRST);
            BsonValue commitLast = document.get(EventFields.COMMIT_LAST);
            if (commitFirst != null && commitLast != null && commitFirst.isNumber() && commitLast.isNumber()
                    && !completeCommits.contains(commitFirst.asNumber().longValue())
                    && commitLast.asNumber().longValue() != document.getNumber(EventFields.ID).longValue()) {
                firstByLast.put(commitLast.asNumber().longValue(), commitFirst.asNumber().longValue());
            }
        }
        if (firstByLast.isEmpty()) {
            return;
        }
        BsonArray ids = new BsonArray();
        firstByLast.keySet().forEach(last -> ids.add(new BsonInt64(last)));
        for (BsonDocument last : events.find(new BsonDocument(EventFields.ID, new BsonDocument("$in", ids)))
                .projection(new BsonDocument(EventFields.COMMIT_FIRST, new BsonInt32(1)))) {
            Long first = firstByLast.get(last.getNumber(EventFields.ID).longValue());
            BsonValue lastsFirst = last.get(EventFields.COMMIT_FIRST);
            if (first != null && lastsFirst != null && lastsFirst.isNumber() && lastsFirst.asNumber().longValue() == first) {
                remember(first);
            }
        }
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
            remember(commitFirst.asNumber().longValue());
        }
        return complete;
    }

    private void remember(long commitFirst) {
        if (completeCommits.size() > 100_000) {
            completeCommits.clear(); // a bound, not a policy: forgetting only costs a read
        }
        completeCommits.add(commitFirst);
    }
}
