package dev.kehu.infra.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the tamper-evident hash chains of the event store: each event's {@code prevHash} must equal the stored
 * hash of the aggregate's previous event, and its {@code hash} must equal the hash recomputed from its stored
 * content. Reads use the unique key (one aggregate) or {@code _id $in} windows (the whole store).
 */
public class HashChainVerifier {

    private static final int WINDOW = 1000;

    private final MongoCollection<BsonDocument> events;
    private final CommitLog commits;

    public HashChainVerifier(MongoDatabase database, EventStoreSettings settings) {
        this.events = database.getCollection(settings.eventsCollection(), BsonDocument.class);
        this.commits = new CommitLog(events,
                database.getCollection(settings.collectionPrefix() + "counters", BsonDocument.class),
                java.time.Clock.systemUTC());
    }

    /**
     * The outcome for one aggregate.
     *
     * @param aggregateId   the aggregate checked
     * @param ok            whether the whole chain is intact
     * @param eventsChecked how many events were checked (up to and including the first broken one)
     * @param brokenSeq     sequence number of the first broken event, or null when ok
     * @param reason        why that event breaks the chain, or null when ok
     */
    public record Result(String aggregateId, boolean ok, long eventsChecked, Long brokenSeq, String reason) {
    }

    /** The summary of a whole-store check: how many aggregates and events were checked, and every broken chain. */
    public record Report(long aggregatesChecked, long eventsChecked, List<Result> broken) {
        public boolean ok() {
            return broken.isEmpty();
        }
    }

    /** Verifies one aggregate's chain, event by event from sequence number 0. */
    public Result verify(String aggregateId) {
        String previousHash = "";
        long seq = 0;
        while (true) {
            BsonDocument event = events.find(EventDocuments.byKey(aggregateId, seq)).first();
            if (event == null) {
                return new Result(aggregateId, true, seq, null, null);
            }
            String problem = check(event, previousHash);
            if (problem != null) {
                return new Result(aggregateId, false, seq + 1, seq, problem);
            }
            previousHash = event.getString(EventFields.HASH).getValue();
            seq++;
        }
    }

    /** Verifies every aggregate in the store; reads all positions in {@code _id} windows, then each chain. */
    public Report verifyAll() {
        long head = commits.findHead();
        Set<String> aggregates = new LinkedHashSet<>();
        for (long low = 1; low <= head; low += WINDOW) {
            List<Long> ids = EventDocuments.range(low, Math.min(head, low + WINDOW - 1));
            for (BsonDocument document : events.find(Filters.in(EventFields.ID, ids))
                    .projection(Projections.include(EventFields.AGGREGATE_ID))) {
                String aggregateId = document.getString(EventFields.AGGREGATE_ID).getValue();
                if (!aggregateId.startsWith(EventFields.ABANDONED_PREFIX)) {
                    aggregates.add(aggregateId); // abandoned documents were never part of a chain
                }
            }
        }
        long eventsChecked = 0;
        List<Result> broken = new ArrayList<>();
        for (String aggregateId : aggregates) {
            Result result = verify(aggregateId);
            eventsChecked += result.eventsChecked();
            if (!result.ok()) {
                broken.add(result);
            }
        }
        return new Report(aggregates.size(), eventsChecked, broken);
    }

    private static String check(BsonDocument event, String expectedPrevHash) {
        BsonValue prevHash = event.get(EventFields.PREV_HASH);
        BsonValue hash = event.get(EventFields.HASH);
        if (prevHash == null || !prevHash.isString() || hash == null || !hash.isString()) {
            return "hash fields missing";
        }
        if (!prevHash.asString().getValue().equals(expectedPrevHash)) {
            return "prevHash does not match the hash of the previous event";
        }
        String recomputed;
        try {
            recomputed = EventHasher.hash(expectedPrevHash, event);
        } catch (RuntimeException malformed) {
            return "event document malformed: " + malformed.getMessage();
        }
        if (!recomputed.equals(hash.asString().getValue())) {
            return "stored hash does not match the event's content";
        }
        return null;
    }
}
