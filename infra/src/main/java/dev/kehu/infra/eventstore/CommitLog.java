package dev.kehu.infra.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The positions of the {@code events} collection and the state of the commits stored there.
 *
 * <p>Positions are claimed at the head: a commit of n events inserts them at head + 1 … head + n with one ordered
 * {@code insertMany}, and the unique {@code _id} index lets exactly one writer take a position. Since every insert
 * lands right after a document that already exists, the stored positions are always 1 … head without holes, and a
 * commit's positions lie above every event that was stored before it, whichever instance wrote it.
 *
 * <p>Each document names its commit's first and last position ({@code commitFirst}, {@code commitLast}). A commit
 * is
 * <ul>
 *   <li><b>complete</b> once its last document exists: the document at {@code commitLast} has the same
 *       {@code commitFirst};</li>
 *   <li><b>abandoned</b> when another commit took one of its positions (its own insert then failed half-way), or
 *       when its writer marked it so ({@code abandoned: true}); it never becomes visible;</li>
 *   <li><b>pending</b> otherwise: its writer is still inserting, and it is the last thing in the log.</li>
 * </ul>
 * Documents written by the counter-based predecessor of this engine have no {@code commitFirst}: they are complete
 * once the document at {@code commitLast} exists, and are otherwise treated as pending.
 */
final class CommitLog {

    enum State { COMPLETE, ABANDONED, PENDING }

    private static final int MAX_PROBE_EXPONENT = 40;

    private final MongoCollection<BsonDocument> events;
    private final Clock clock;
    /** commitLast to commitFirst of commits known to be complete (0 for documents without commitFirst). */
    private final BoundedMap<Long, Long> complete = new BoundedMap<>(100_000);

    private final MongoCollection<BsonDocument> legacyCounters;
    private volatile Long legacyStart;

    /**
     * @param legacyCounters the {@code counters} collection of the counter-based predecessor of this engine, whose
     *                       value is where a head search starts in a store it wrote (positions it reserved but never
     *                       wrote are holes that a search from 0 could stop at)
     */
    CommitLog(MongoCollection<BsonDocument> events, MongoCollection<BsonDocument> legacyCounters, Clock clock) {
        this.events = events;
        this.legacyCounters = legacyCounters;
        this.clock = clock;
    }

    /** The highest stored position (0 when the store is empty). */
    long findHead() {
        Long start = legacyStart;
        if (start == null) {
            BsonDocument counter = legacyCounters.find(Filters.eq(EventFields.ID, "events")).first();
            start = counter == null ? 0L : counter.getNumber("value").longValue();
            if (start > 0 && !isStored(start)) {
                start = 0L; // the counter ran ahead of what was written: search from the start instead
            }
            legacyStart = start;
        }
        return findHead(start);
    }

    boolean isStored(long position) {
        return events.find(Filters.eq(EventFields.ID, position)).projection(Projections.include(EventFields.ID))
                .first() != null;
    }

    /**
     * The highest stored position, found from a position known to exist (or 0) by galloping point reads: one
     * {@code _id $in} query per round for present + 1, + 2, + 4, …; a store of n events needs about log2(n) rounds
     * from 0 and one round from a recent head.
     */
    long findHead(long knownPresent) {
        long present = knownPresent;
        while (true) {
            List<Long> probes = new ArrayList<>(MAX_PROBE_EXPONENT + 1);
            for (int exponent = 0; exponent <= MAX_PROBE_EXPONENT; exponent++) {
                probes.add(present + (1L << exponent));
            }
            long highest = present;
            for (BsonDocument found : events.find(Filters.in(EventFields.ID, probes))
                    .projection(Projections.include(EventFields.ID))) {
                highest = Math.max(highest, found.getNumber(EventFields.ID).longValue());
            }
            if (highest == present) {
                return present;
            }
            present = highest;
        }
    }

    /** Whether any position after {@code position} is stored (a point-read probe of position + 1, + 2, + 4, …). */
    boolean anyAfter(long position) {
        if (legacyStart == null) {
            findHead();
        }
        return findHead(Math.max(position, legacyStart)) > position;
    }

    static Long commitFirst(BsonDocument document) {
        BsonValue first = document.get(EventFields.COMMIT_FIRST);
        return first == null || first.isNull() ? null : first.asNumber().longValue();
    }

    static long commitLast(BsonDocument document) {
        return document.getNumber(EventFields.COMMIT_LAST).longValue();
    }

    static long position(BsonDocument document) {
        return document.getNumber(EventFields.ID).longValue();
    }

    static boolean isMarkedAbandoned(BsonDocument document) {
        BsonValue abandoned = document.get(EventFields.ABANDONED);
        return abandoned != null && abandoned.isBoolean() && abandoned.asBoolean().getValue();
    }

    void rememberComplete(long commitFirst, long commitLast) {
        complete.put(commitLast, commitFirst);
    }

    /** What decides a document's commit state: its position, its commit's first and last position, the mark. */
    record CommitRef(long position, Long commitFirst, long commitLast, boolean abandoned) {
        static CommitRef of(BsonDocument document) {
            return new CommitRef(CommitLog.position(document), CommitLog.commitFirst(document),
                    CommitLog.commitLast(document), isMarkedAbandoned(document));
        }
    }

    /** The state of {@code document}'s commit, reading what it needs by {@code _id}. */
    State stateOf(BsonDocument document) {
        return stateOf(CommitRef.of(document), position -> null);
    }

    /**
     * The state of {@code document}'s commit. {@code fetched} gives documents already read by position (or null);
     * anything else needed is read by {@code _id}.
     */
    State stateOf(CommitRef document, java.util.function.LongFunction<CommitRef> fetched) {
        if (document.abandoned()) {
            return State.ABANDONED;
        }
        Long first = document.commitFirst();
        long last = document.commitLast();
        if (document.position() == last) {
            return State.COMPLETE; // the commit's last document: it exists, so the commit is complete
        }
        long expectedFirst = first == null ? 0 : first;
        Long knownFirst = complete.get(last);
        if (knownFirst != null) {
            return knownFirst == expectedFirst ? State.COMPLETE : State.ABANDONED;
        }
        CommitRef lastDocument = fetched.apply(last);
        if (lastDocument == null) {
            lastDocument = read(last);
        }
        if (lastDocument != null) {
            if (lastDocument.abandoned()) {
                return State.ABANDONED;
            }
            Long lastFirst = lastDocument.commitFirst();
            if (first == null ? lastFirst == null : first.equals(lastFirst)) {
                complete.put(last, expectedFirst);
                return State.COMPLETE;
            }
            return State.ABANDONED;
        }
        if (first == null) {
            return State.PENDING;
        }
        // the last document is missing: pending if this commit is still the last thing in the log, abandoned if
        // another commit took the position after its last inserted document
        long head = findHead(document.position());
        if (head == document.position()) {
            return State.PENDING;
        }
        CommitRef headDocument = read(head);
        return headDocument != null && first.equals(headDocument.commitFirst()) ? State.PENDING : State.ABANDONED;
    }

    /** Whether the commit ending at {@code commitLast} is known to be complete (no read needed). */
    boolean isKnownComplete(long commitLast) {
        return complete.containsKey(commitLast);
    }

    /** The commit bookkeeping of the documents at these positions, in one {@code _id $in} read. */
    Map<Long, CommitRef> read(java.util.Collection<Long> positions) {
        Map<Long, CommitRef> refs = new java.util.HashMap<>();
        for (BsonDocument document : events.find(Filters.in(EventFields.ID, positions))
                .projection(Projections.include(EventFields.ID, EventFields.COMMIT_FIRST, EventFields.COMMIT_LAST,
                        EventFields.ABANDONED))) {
            refs.put(position(document), CommitRef.of(document));
        }
        return refs;
    }

    private CommitRef read(long position) {
        BsonDocument document = events.find(Filters.eq(EventFields.ID, position))
                .projection(Projections.include(EventFields.ID, EventFields.COMMIT_FIRST, EventFields.COMMIT_LAST,
                        EventFields.ABANDONED)).first();
        return document == null ? null : CommitRef.of(document);
    }

    /**
     * Marks the stored documents of an incomplete commit as abandoned, renames their aggregate id and event id and
     * drops their stream key, which frees their unique keys for the aggregates' next events and for the same events inserted again.
     * Position by position: each document keeps its place, so the log stays without holes.
     */
    void abandon(long commitFirst, long commitLast) {
        for (long position = commitFirst; position <= commitLast; position++) {
            BsonDocument document = events.find(Filters.eq(EventFields.ID, position))
                    .projection(Projections.include(EventFields.AGGREGATE_ID, EventFields.EVENT_ID,
                            EventFields.COMMIT_FIRST, EventFields.ABANDONED)).first();
            if (document == null) {
                return; // the commit's insert stopped before this position
            }
            Long first = commitFirst(document);
            if (first == null || first != commitFirst) {
                return; // another commit's document: the abandoned commit ended before it
            }
            if (isMarkedAbandoned(document)) {
                continue;
            }
            String aggregateId = document.getString(EventFields.AGGREGATE_ID).getValue();
            List<org.bson.conversions.Bson> updates = new ArrayList<>(List.of(
                    Updates.set(EventFields.ABANDONED, true),
                    Updates.set(EventFields.ABANDONED_AGGREGATE_ID, aggregateId),
                    Updates.set(EventFields.AGGREGATE_ID,
                            EventFields.ABANDONED_PREFIX + commitFirst + ":" + aggregateId),
                    Updates.unset(EventFields.STREAM_KEY)));
            updates.addAll(releaseEventId(document, commitFirst));
            events.updateOne(Filters.eq(EventFields.ID, position), Updates.combine(updates));
        }
    }

    private static List<org.bson.conversions.Bson> releaseEventId(BsonDocument document, long commitFirst) {
        BsonValue eventId = document.get(EventFields.EVENT_ID);
        if (eventId == null || !eventId.isString()
                || eventId.asString().getValue().startsWith(EventFields.ABANDONED_PREFIX)) {
            return List.of();
        }
        return List.of(Updates.set(EventFields.ABANDONED_EVENT_ID, eventId),
                Updates.set(EventFields.EVENT_ID,
                        EventFields.ABANDONED_PREFIX + commitFirst + ":" + eventId.asString().getValue()));
    }

    /**
     * Renames the event ids of abandoned documents that still hold theirs (stores written before event ids were
     * unique). A scan of the abandoned documents, run once when the unique index cannot be created; returns how
     * many were renamed.
     */
    int releaseAbandonedEventIds() {
        int renamed = 0;
        for (BsonDocument document : events.find(Filters.eq(EventFields.ABANDONED, true))
                .projection(Projections.include(EventFields.EVENT_ID, EventFields.COMMIT_FIRST))) {
            Long first = commitFirst(document);
            List<org.bson.conversions.Bson> updates = releaseEventId(document, first == null ? 0 : first);
            if (!updates.isEmpty()) {
                events.updateOne(Filters.eq(EventFields.ID, document.get(EventFields.ID)), Updates.combine(updates));
                renamed++;
            }
        }
        return renamed;
    }

    /**
     * A document that takes the position after a dead writer's pending commit, so that commit can never complete
     * and every reader sees it as abandoned. Returns false when another writer took that position first (which
     * has the same effect).
     */
    boolean closeAfter(long head, String reason) {
        long position = head + 1;
        BsonDocument marker = new BsonDocument(EventFields.ID, new BsonInt64(position))
                .append(EventFields.AGGREGATE_TYPE, BsonNull.VALUE)
                .append(EventFields.AGGREGATE_ID, new BsonString(EventFields.ABANDONED_PREFIX + position))
                .append(EventFields.SEQ, new BsonInt64(0))
                .append(EventFields.TYPE, new BsonString("kehu.CommitClosed"))
                .append(EventFields.TIMESTAMP, new BsonDateTime(clock.millis()))
                .append(EventFields.PAYLOAD, new BsonDocument("reason", new BsonString(reason)))
                .append(EventFields.COMMIT_FIRST, new BsonInt64(position))
                .append(EventFields.COMMIT_LAST, new BsonInt64(position))
                .append(EventFields.ABANDONED, BsonBoolean.TRUE);
        try {
            events.insertOne(marker);
            return true;
        } catch (com.mongodb.MongoWriteException e) {
            if (EventDocuments.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /** A small synchronized LRU map. */
    static final class BoundedMap<K, V> extends java.util.LinkedHashMap<K, V> {
        private final int maxSize;

        BoundedMap(int maxSize) {
            super(16, 0.75f, true);
            this.maxSize = maxSize;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > maxSize;
        }

        @Override
        public synchronized V get(Object key) {
            return super.get(key);
        }

        @Override
        public synchronized V put(K key, V value) {
            return super.put(key, value);
        }

        @Override
        public synchronized boolean containsKey(Object key) {
            return super.containsKey(key);
        }
    }
}
