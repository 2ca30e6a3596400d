package dev.kehu.infra.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.kehu.infra.eventstore.EventFields;
import dev.kehu.infra.eventstore.EventStoreSettings;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * Read-only access to the raw event log for the audit feature. Every read reaches documents by {@code _id} or by
 * the full unique key {@code (aggregateId, seq)} (see docs/event-store.md): an aggregate's events are point reads,
 * issued a batch at a time in parallel so that a long history costs round trips in parallel, not in series.
 */
public class AuditLog implements AutoCloseable {

    /** Point reads in flight at once while reading an aggregate. */
    private static final int AHEAD = 32;

    private final MongoCollection<BsonDocument> events;
    /** First positions of multi-event commits already seen complete (a complete commit stays complete). */
    private final java.util.Set<Long> completeCommits = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ExecutorService readers = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "audit-log-reader");
        thread.setDaemon(true);
        return thread;
    });

    public AuditLog(MongoDatabase database, EventStoreSettings settings) {
        this.events = database.getCollection(settings.eventsCollection(), BsonDocument.class);
    }

    public MongoCollection<BsonDocument> events() {
        return events;
    }

    /** The event at (aggregateId, seq), or null. */
    public BsonDocument byKey(String aggregateId, long seq) {
        return events.find(key(aggregateId, seq)).first();
    }

    /**
     * Hands the aggregate's events from sequence number {@code fromSeq} on, in order, to {@code consumer} until it
     * answers false or the aggregate has no next event. Events of a commit that is not complete yet (its last
     * document is missing) end the history: they are not visible to anyone yet.
     */
    public void readAggregate(String aggregateId, long fromSeq, Predicate<BsonDocument> consumer) {
        long next = fromSeq;
        int batch = 4; // a short first batch keeps the first page cheap; later batches read further ahead
        while (true) {
            List<CompletableFuture<BsonDocument>> reads = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                long seq = next + i;
                reads.add(CompletableFuture.supplyAsync(() -> byKey(aggregateId, seq), readers));
            }
            for (CompletableFuture<BsonDocument> read : reads) {
                BsonDocument document = read.join();
                if (document == null || !isVisible(document)) {
                    reads.forEach(r -> r.cancel(false));
                    return;
                }
                if (!consumer.test(document)) {
                    reads.forEach(r -> r.cancel(false));
                    return;
                }
                next++;
            }
            batch = Math.min(AHEAD, batch * 2);
        }
    }

    /** The documents at the given positions, by position ({@code _id $in}); missing positions are absent. */
    public Map<Long, BsonDocument> atPositions(long from, long to) {
        return atPositions(from, to, null);
    }

    /** Like {@link #atPositions(long, long)}, with only the fields of {@code projection} (null: all). */
    public Map<Long, BsonDocument> atPositions(long from, long to, BsonDocument projection) {
        BsonArray ids = new BsonArray();
        for (long position = from; position <= to; position++) {
            ids.add(new BsonInt64(position));
        }
        Map<Long, BsonDocument> found = new HashMap<>();
        var query = events.find(new BsonDocument(EventFields.ID, new BsonDocument("$in", ids)));
        if (projection != null) {
            query = query.projection(projection);
        }
        for (BsonDocument document : query) {
            found.put(document.getNumber(EventFields.ID).longValue(), document);
        }
        return found;
    }

    /** Whether a document exists at the position. */
    public boolean exists(long position) {
        return events.find(new BsonDocument(EventFields.ID, new BsonInt64(position)))
                .projection(new BsonDocument(EventFields.ID, new org.bson.BsonInt32(1))).first() != null;
    }

    /**
     * The highest position p such that p exists, found by galloping from {@code knownPresent} (which must exist,
     * or be 0) and bisecting; positions are dense, so this is the head of the log.
     */
    public long head(long knownPresent) {
        long present = knownPresent;
        long step = 1;
        while (exists(present + step)) {
            present += step;
            step *= 2;
        }
        long absent = present + step;
        while (absent - present > 1) {
            long middle = present + (absent - present) / 2;
            if (exists(middle)) {
                present = middle;
            } else {
                absent = middle;
            }
        }
        return present;
    }

    private boolean isVisible(BsonDocument document) {
        if (document.containsKey(EventFields.COMMIT_FIRST)
                && completeCommits.contains(document.get(EventFields.COMMIT_FIRST).asNumber().longValue())) {
            return true;
        }
        if (document.getBoolean(EventFields.ABANDONED, org.bson.BsonBoolean.FALSE).getValue()) {
            return false;
        }
        long position = document.getNumber(EventFields.ID).longValue();
        if (!document.containsKey(EventFields.COMMIT_LAST)) {
            return true;
        }
        long commitLast = document.getNumber(EventFields.COMMIT_LAST).longValue();
        if (commitLast == position) {
            return true;
        }
        BsonDocument last = events.find(new BsonDocument(EventFields.ID, new BsonInt64(commitLast)))
                .projection(new BsonDocument(EventFields.COMMIT_FIRST, new org.bson.BsonInt32(1))).first();
        boolean complete = last != null && last.containsKey(EventFields.COMMIT_FIRST)
                && last.get(EventFields.COMMIT_FIRST).equals(document.get(EventFields.COMMIT_FIRST));
        if (complete) {
            if (completeCommits.size() > 100_000) {
                completeCommits.clear(); // a bound, not a policy: forgetting only costs a read
            }
            completeCommits.add(document.get(EventFields.COMMIT_FIRST).asNumber().longValue());
        }
        return complete;
    }

    static BsonDocument key(String aggregateId, long seq) {
        return new BsonDocument(EventFields.AGGREGATE_ID, new BsonString(aggregateId))
                .append(EventFields.SEQ, new BsonInt64(seq));
    }

    @Override
    public void close() {
        readers.shutdownNow();
    }
}
