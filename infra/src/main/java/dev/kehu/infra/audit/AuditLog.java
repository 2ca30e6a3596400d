package dev.kehu.infra.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.kehu.infra.eventstore.EventFields;
import dev.kehu.infra.eventstore.EventStoreSettings;
import dev.kehu.infra.eventstore.SequenceWindow;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;

import java.util.ArrayDeque;
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
 * the full unique key {@code (aggregateId, seq)} (see docs/event-store.md). An aggregate's events are fetched by
 * {@code _id $in} where their positions are remembered ({@link AggregatePositions}: a few queries for a long
 * history), otherwise by the unique key: windows of {@value #KEY_WINDOW} sequence numbers as one range query on
 * {@code (aggregateId, seq)} each ({@link SequenceWindow}), {@value #KEY_WINDOWS_AHEAD} in flight; the first sequence
 * number a window does not find ends the history.
 */
public class AuditLog implements AutoCloseable {

    /** Sequence numbers per range query while reading an aggregate by key. */
    private static final int KEY_WINDOW = 100;
    /** Such queries in flight at once. */
    private static final int KEY_WINDOWS_AHEAD = 4;
    /** Events fetched by remembered position per {@code _id $in} query. */
    private static final int WINDOW = 500;
    /** Such queries in flight at once. */
    private static final int WINDOWS_IN_FLIGHT = 2;
    /** Remembered positions read per look-up after the first. */
    private static final int KNOWN_PER_READ = 16 * AggregatePositions.BLOCK;
    /** A reading remembers the positions it read by key once they are this many (short histories write nothing). */
    private static final int REMEMBER_FROM = 32;

    private final MongoCollection<BsonDocument> events;
    private final CommitVisibility visibility;
    private final AggregatePositions positions;
    private final ExecutorService readers = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "audit-log-reader");
        thread.setDaemon(true);
        return thread;
    });

    public AuditLog(MongoDatabase database, EventStoreSettings settings) {
        this.events = database.getCollection(settings.eventsCollection(), BsonDocument.class);
        this.visibility = new CommitVisibility(events);
        this.positions = new AggregatePositions(database, settings.collectionPrefix());
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
     * events. Events whose positions are remembered ({@link AggregatePositions}) are fetched by {@code _id $in}, a
     * window of {@code expected} (at most {@value #WINDOW}) first, then windows of {@value #WINDOW} with the next one
     * in flight while the caller uses the last; the rest (events appended since, or all of them on a first reading)
     * are read by key (range windows of {@value #KEY_WINDOW}, {@value #KEY_WINDOWS_AHEAD} in flight),
     * beyond {@code expected} only once the consumer asks for more. A reading from sequence 0
     * remembers the positions it had to read by key, so the next one fetches them by position.
     */
    public void readAggregate(String aggregateId, long fromSeq, long expected, Predicate<BsonDocument> consumer) {
        long firstWindow = Math.max(1, Math.min(expected, WINDOW));
        List<Long> used = new ArrayList<>(); // positions of the events handed on, from fromSeq
        long seq = fromSeq;
        boolean cacheHolds = true;
        while (true) {
            long asked = seq == fromSeq ? Math.max(1, expected) : KNOWN_PER_READ;
            long[] known = positions.from(aggregateId, seq, asked);
            if (known.length == 0) {
                break;
            }
            long stop = readKnown(aggregateId, seq, known, seq == fromSeq ? (int) firstWindow : WINDOW, consumer, used);
            if (stop == ENDED) {
                return; // the consumer is done, or the history ends here: nothing new was read by key
            }
            if (stop < seq + known.length) {
                cacheHolds = false; // a remembered position no longer holds the event: read by key from there
                seq = stop;
                break;
            }
            seq = stop;
            if (known.length < asked) {
                break; // no more remembered
            }
        }
        int fromCache = used.size();
        // after remembered positions, the next event is most likely not there yet: one read first, not a window
        readByKey(aggregateId, seq, fromCache > 0 ? 1 : expected - (seq - fromSeq), consumer, used);
        if (cacheHolds && fromSeq % AggregatePositions.BLOCK == 0 && used.size() - fromCache >= REMEMBER_FROM) {
            positions.remember(aggregateId, fromSeq, used, fromCache);
        }
    }

    /** Returned by {@link #readKnown} when the reading is over (the consumer stopped, or an event is not visible). */
    private static final long ENDED = -1;

    /**
     * Hands on the events at the remembered {@code known} positions of sequence numbers {@code firstSeq} on; returns
     * {@link #ENDED}, or the sequence number to go on from by key (past the known ones, or the first whose remembered
     * position does not hold it).
     */
    private long readKnown(String aggregateId, long firstSeq, long[] known, int firstWindow,
                           Predicate<BsonDocument> consumer, List<Long> used) {
        ArrayDeque<CompletableFuture<Window>> windows = new ArrayDeque<>();
        int issued = 0;
        int windowSize = firstWindow;
        try {
            while (true) {
                while (windows.size() < WINDOWS_IN_FLIGHT && issued < known.length) {
                    int from = issued;
                    int to = Math.min(known.length, issued + windowSize);
                    windows.add(CompletableFuture.supplyAsync(() -> new Window(from, to,
                            byPositions(known, from, to)), readers));
                    issued = to;
                    windowSize = WINDOW;
                }
                if (windows.isEmpty()) {
                    return firstSeq + known.length;
                }
                Window window = windows.remove().join();
                visibility.learn(window.found().values());
                for (int i = window.from(); i < window.to(); i++) {
                    long seq = firstSeq + i;
                    BsonDocument document = window.found().get(known[i]);
                    if (document == null || !aggregateId.equals(History.text(document, EventFields.AGGREGATE_ID))
                            || !document.isNumber(EventFields.SEQ) || document.getNumber(EventFields.SEQ).longValue() != seq) {
                        return seq;
                    }
                    if (!visibility.isVisible(document)) {
                        return ENDED;
                    }
                    used.add(known[i]);
                    if (!consumer.test(document)) {
                        return ENDED;
                    }
                }
            }
        } finally {
            windows.forEach(window -> window.cancel(false));
        }
    }

    /** Known positions {@code [from, to)} of a reading and the documents found there, by position. */
    private record Window(int from, int to, Map<Long, BsonDocument> found) {
    }

    /** The documents at {@code positions[from..to)}, by position, in one {@code _id $in} query. */
    private Map<Long, BsonDocument> byPositions(long[] positions, int from, int to) {
        BsonArray ids = new BsonArray(new ArrayList<>(to - from));
        for (int i = from; i < to; i++) {
            ids.add(new BsonInt64(positions[i]));
        }
        Map<Long, BsonDocument> found = new HashMap<>();
        for (BsonDocument document : events.find(new BsonDocument(EventFields.ID, new BsonDocument("$in", ids)))
                .batchSize(to - from)) {
            found.put(document.getNumber(EventFields.ID).longValue(), document);
        }
        return found;
    }

    /**
     * Reads by key from {@code fromSeq} on, in windows of {@value #KEY_WINDOW} sequence numbers, {@value
     * #KEY_WINDOWS_AHEAD} windows in flight: the windows covering the first {@code expected} events at once, more
     * only once the consumer asks for them. Adds the position of each event handed on to {@code used}.
     */
    private void readByKey(String aggregateId, long fromSeq, long expected, Predicate<BsonDocument> consumer,
                           List<Long> used) {
        ArrayDeque<CompletableFuture<BsonDocument[]>> inFlight = new ArrayDeque<>(KEY_WINDOWS_AHEAD);
        long wanted = expected >= Long.MAX_VALUE - fromSeq ? Long.MAX_VALUE : fromSeq + Math.max(1, expected);
        long issued = fromSeq;
        try {
            while (true) {
                while (inFlight.size() < KEY_WINDOWS_AHEAD && issued < wanted) {
                    long first = issued;
                    int size = (int) Math.min(KEY_WINDOW, wanted - issued);
                    issued += size;
                    inFlight.add(CompletableFuture.supplyAsync(() -> keyWindow(aggregateId, first, size), readers));
                }
                for (BsonDocument document : inFlight.remove().join()) {
                    if (document == null || !visibility.isVisible(document)) {
                        return;
                    }
                    used.add(document.getNumber(EventFields.ID).longValue());
                    if (!consumer.test(document)) {
                        return;
                    }
                    long next = document.getNumber(EventFields.SEQ).longValue() + 1;
                    if (next >= wanted) {
                        wanted = next > Long.MAX_VALUE - KEY_WINDOW ? Long.MAX_VALUE : next + KEY_WINDOW; // more than expected
                    }
                }
            }
        } finally {
            // Windows issued but not used: wait for them rather than cancel them. A cancelled CompletableFuture does
            // not stop a read already running, which would then reach the server after this reading has returned.
            inFlight.forEach(read -> read.exceptionally(failure -> null).join());
        }
    }

    /**
     * The events at sequence numbers {@code first … first + size - 1}, in order, by one range query on the unique key
     * ({@link SequenceWindow}). The array ends at the first sequence number not found (null): the aggregate's history
     * ends before it.
     */
    private BsonDocument[] keyWindow(String aggregateId, long first, int size) {
        if (size == 1) {
            return new BsonDocument[] {byKey(aggregateId, first)}; // one event: one point read, not two
        }
        Map<Long, BsonDocument> bySeq = SequenceWindow.read(events, aggregateId, first, size);
        BsonDocument[] window = new BsonDocument[size];
        for (int i = 0; i < size; i++) {
            window[i] = bySeq.get(first + i);
            if (window[i] == null) {
                break;
            }
        }
        return window;
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
