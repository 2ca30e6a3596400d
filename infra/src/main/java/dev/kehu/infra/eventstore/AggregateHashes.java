package dev.kehu.infra.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import org.bson.BsonDocument;
import org.bson.BsonString;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each aggregate's SHA-256 hash chain as commits are written: the hash of an aggregate's latest event, from a
 * small cache (least recently used evicted) or one read by the unique key, and the {@code prevHash}/{@code hash}
 * of every new document ({@link EventHasher}).
 */
final class AggregateHashes {

    private final MongoCollection<BsonDocument> events;
    /** Latest known (seq, hash) per aggregate. */
    private final CommitLog.BoundedMap<String, Object[]> latest;

    AggregateHashes(MongoCollection<BsonDocument> events, int cacheSize) {
        this.events = events;
        this.latest = new CommitLog.BoundedMap<>(cacheSize);
    }

    /**
     * Sets {@code prevHash} and {@code hash} on every document: each aggregate's first event in the commit follows
     * its event stored before (hash from the cache or one read by the unique key), later ones follow the previous
     * event in the commit. Returns the chained (seq, hash) per aggregate, for {@link #remember} once stored.
     */
    Map<String, String[]> chain(List<BsonDocument> documents) {
        Map<String, String[]> chained = new HashMap<>();
        for (BsonDocument document : documents) {
            String aggregateId = document.getString(EventFields.AGGREGATE_ID).getValue();
            long seq = document.getInt64(EventFields.SEQ).getValue();
            String[] earlier = chained.get(aggregateId);
            String prevHash = earlier != null ? earlier[1] : predecessorHash(aggregateId, seq);
            String hash = EventHasher.hash(prevHash, document);
            document.put(EventFields.PREV_HASH, new BsonString(prevHash));
            document.put(EventFields.HASH, new BsonString(hash));
            chained.put(aggregateId, new String[]{Long.toString(seq), hash});
        }
        return chained;
    }

    /** Remembers what {@link #chain} returned, once the commit is stored. */
    void remember(Map<String, String[]> chained) {
        chained.forEach((aggregateId, seqAndHash) -> remember(aggregateId, Long.parseLong(seqAndHash[0]), seqAndHash[1]));
    }

    /** Remembers an event's hash (stored or read), unless a later one of the aggregate is known. */
    void remember(String aggregateId, long seq, String hash) {
        synchronized (latest) {
            Object[] existing = latest.get(aggregateId);
            if (existing == null || (Long) existing[0] <= seq) {
                latest.put(aggregateId, new Object[]{seq, hash});
            }
        }
    }

    /** The hash of an aggregate's event before {@code seq}; empty at seq 0. */
    private String predecessorHash(String aggregateId, long seq) {
        if (seq <= 0) {
            return "";
        }
        String cached = cached(aggregateId, seq - 1);
        if (cached != null) {
            return cached;
        }
        BsonDocument previous = events.find(EventDocuments.byKey(aggregateId, seq - 1))
                .projection(Projections.include(EventFields.HASH)).first();
        return previous == null ? "" : previous.getString(EventFields.HASH).getValue();
    }

    /** The latest sequence number of the aggregate this instance stored or read, or -1 when it knows none. */
    long latestKnownSeq(String aggregateId) {
        Object[] entry = latest.get(aggregateId);
        return entry == null ? -1 : (Long) entry[0];
    }

    private String cached(String aggregateId, long seq) {
        Object[] entry = latest.get(aggregateId);
        return entry != null && (Long) entry[0] == seq ? (String) entry[1] : null;
    }
}
