package dev.kehu.infra.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.kehu.infra.eventstore.EventFields;
import dev.kehu.infra.eventstore.EventStoreSettings;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * Read-only access to the raw event log for the audit feature. Every read reaches documents by {@code _id} or by
 * the full unique key {@code (aggregateId, seq)} (see docs/event-store.md): an aggregate's events are point reads,
 * {@value #AHEAD} in flight at once, so that a long history costs round trips in parallel, not in series. (The
 * embedded server serves a range over the unique key, {@code seq $gte}, by scanning the whole collection: it uses a
 * compound index for equality on every key only.)
 */
public class AuditLog implements AutoCloseable {

    /** Point reads in flight at once while reading an aggregate. */
    private static final int AHEAD = 32;

    private final MongoCollection<BsonDocument> events;
    private final CommitVisibility visibility;
    private final ExecutorService readers = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "audit-log-reader");
        thread.setDaemon(true);
        return thread;
    });

    public AuditLog(MongoDatabase database, EventStoreSettings settings) {
        this.events = database.getCollection(settings.eventsCollection(), BsonDocument.class);
        this.visibility = new CommitVisibility(events);
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
     * document is missing) end the history: they are not visible to anyone yet. Reads ahead as far as it can.
     */
    public void readAggregate(String aggregateId, long fromSeq, Predicate<BsonDocument> consumer) {
        readAggregate(aggregateId, fromSeq, Long.MAX_VALUE, consumer);
    }

    /**
     * Like {@link #readAggregate(String, long, Predicate)}, for a caller that expects to need about {@code expected}
     * events: the first {@code expected} point reads are issued at once (at most {@value #AHEAD} in flight), and
     * reads past them only once the consumer asks for more, so a page reads no event it does not use. The reads
     * are a sliding window: each event consumed issues the next read, so the window never drains between batches.
     */
    public void readAggregate(String aggregateId, long fromSeq, long expected, Predicate<BsonDocument> consumer) {
        ArrayDeque<CompletableFuture<BsonDocument>> inFlight = new ArrayDeque<>(AHEAD);
        long wanted = expected >= Long.MAX_VALUE - fromSeq ? Long.MAX_VALUE : fromSeq + Math.max(1, expected);
        long issued = fromSeq;
        try {
            while (true) {
                while (inFlight.size() < AHEAD && issued < wanted) {
                    long seq = issued++;
                    inFlight.add(CompletableFuture.supplyAsync(() -> byKey(aggregateId, seq), readers));
                }
                BsonDocument document = inFlight.remove().join();
                if (document == null || !visibility.isVisible(document) || !consumer.test(document)) {
                    return;
                }
                long next = document.getNumber(EventFields.SEQ).longValue() + 1;
                if (next >= wanted) {
                    wanted = next > Long.MAX_VALUE - AHEAD ? Long.MAX_VALUE : next + AHEAD; // more than expected
                }
            }
        } finally {
            inFlight.forEach(read -> read.cancel(false));
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

    static BsonDocument key(String aggregateId, long seq) {
        return new BsonDocument(EventFields.AGGREGATE_ID, new BsonString(aggregateId))
                .append(EventFields.SEQ, new BsonInt64(seq));
    }

    @Override
    public void close() {
        readers.shutdownNow();
    }
}
