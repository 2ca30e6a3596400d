package dev.kehu.infra.eventstore;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads one aggregate's events, delivering only events whose commit is complete ({@link CommitLog}); also finds an
 * aggregate's last sequence number and an event by its identifier.
 *
 * <p>An aggregate is read in windows: one range query {@code seq in [first, first + 64)} on the unique key
 * {@code (aggregateId, seq)} ({@link SequenceWindow}; or up to the latest sequence this instance knows and 8 more),
 * the next window twice as large only when one is full. With snapshots every {@code snapshot-threshold} events
 * (below the first window) a load is the snapshot read plus one query, whatever the aggregate's length; commits that
 * span other aggregates add at most one {@code _id $in} read per window to check that they are complete.
 */
final class AggregateStreams {

    /** Events asked for by the first window of a read; the next windows double, up to {@link #MAX_WINDOW}. */
    static final int FIRST_WINDOW = 64;
    private static final int MAX_WINDOW = 1024;
    /** Keys asked for past the latest sequence number this instance knows of an aggregate. */
    private static final int KNOWN_SPARE = 8;

    private final MongoCollection<BsonDocument> events;
    private final CommitLog commits;
    private final AggregateHashes hashes;

    AggregateStreams(MongoCollection<BsonDocument> events, CommitLog commits, AggregateHashes hashes) {
        this.events = events;
        this.commits = commits;
        this.hashes = hashes;
    }

    /** Events from {@code firstSequenceNumber} on, window by window, until one is missing or not yet visible. */
    Stream<StoredEventData.Domain> read(String identifier, long firstSequenceNumber) {
        Spliterator<StoredEventData.Domain> spliterator = new Spliterators.AbstractSpliterator<>(
                Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
            private final ArrayDeque<BsonDocument> ready = new ArrayDeque<>();
            private long next = Math.max(0, firstSequenceNumber);
            private int window = firstWindow(identifier, next);
            private boolean done;

            @Override
            public boolean tryAdvance(Consumer<? super StoredEventData.Domain> action) {
                if (ready.isEmpty() && !done) {
                    done = !readWindow(identifier, next, window, ready);
                    next += ready.size();
                    window = Math.min(MAX_WINDOW, window * 2);
                }
                BsonDocument document = ready.poll();
                if (document == null) {
                    return false;
                }
                hashes.remember(identifier, document.getNumber(EventFields.SEQ).longValue(),
                        document.getString(EventFields.HASH).getValue());
                action.accept(StoredEventData.domain(document));
                return true;
            }
        };
        return StreamSupport.stream(spliterator, false);
    }

    /**
     * The size of the first window: when this instance knows the aggregate's latest sequence number (it wrote or
     * read it), just past it, with a few to spare for events another instance may have added since; else
     * {@link #FIRST_WINDOW}. On the embedded server every key asked for costs an index lookup, found or not.
     */
    private int firstWindow(String identifier, long first) {
        long latest = hashes.latestKnownSeq(identifier);
        if (latest < 0) {
            return FIRST_WINDOW;
        }
        return (int) Math.min(MAX_WINDOW, Math.max(0, latest - first + 1) + KNOWN_SPARE);
    }

    /**
     * Adds to {@code visible} the aggregate's visible events from {@code first} on, at most {@code size} of them
     * in sequence order. Returns
     * whether the window was full, that is whether more may follow.
     */
    private boolean readWindow(String identifier, long first, int size, ArrayDeque<BsonDocument> visible) {
        Map<Long, BsonDocument> bySeq = SequenceWindow.read(events, identifier, first, size);
        List<BsonDocument> run = new ArrayList<>();
        for (long seq = first; bySeq.containsKey(seq); seq++) {
            run.add(bySeq.get(seq));
        }
        Map<Long, CommitLog.CommitRef> fetched = commitEnds(run);
        for (BsonDocument document : run) {
            if (commits.stateOf(CommitLog.CommitRef.of(document), fetched::get) != CommitLog.State.COMPLETE) {
                return false;
            }
            visible.add(document);
        }
        return run.size() >= size;
    }

    /**
     * What deciding the commits of {@code run} needs: the documents of the run by position, and, in one
     * {@code _id $in} read, the last documents of commits that end outside the run (a commit that spans other
     * aggregates, or continues past the window) unless already known complete.
     */
    private Map<Long, CommitLog.CommitRef> commitEnds(List<BsonDocument> run) {
        Map<Long, CommitLog.CommitRef> refs = new HashMap<>();
        for (BsonDocument document : run) {
            refs.put(CommitLog.position(document), CommitLog.CommitRef.of(document));
        }
        Set<Long> missing = new TreeSet<>();
        for (BsonDocument document : run) {
            long last = CommitLog.commitLast(document);
            if (!refs.containsKey(last) && !commits.isKnownComplete(last)) {
                missing.add(last);
            }
        }
        if (!missing.isEmpty()) {
            refs.putAll(commits.read(missing));
        }
        return refs;
    }

    /** The aggregate's last visible sequence number: a doubling probe, then a binary search, by point reads. */
    Optional<Long> lastSequenceNumber(String aggregateIdentifier) {
        if (readVisible(aggregateIdentifier, 0) == null) {
            return Optional.empty();
        }
        long present = 0;
        long probe = 1;
        while (readVisible(aggregateIdentifier, probe) != null) {
            present = probe;
            probe *= 2;
        }
        long absent = probe;
        while (absent - present > 1) {
            long middle = present + (absent - present) / 2;
            if (readVisible(aggregateIdentifier, middle) != null) {
                present = middle;
            } else {
                absent = middle;
            }
        }
        return Optional.of(present);
    }

    /** The event at (aggregateId, seq) if it exists and its commit is complete. */
    private BsonDocument readVisible(String aggregateId, long seq) {
        BsonDocument document = events.find(EventDocuments.byKey(aggregateId, seq)).first();
        if (document == null) {
            return null;
        }
        return commits.stateOf(document) == CommitLog.State.COMPLETE ? document : null;
    }

    /** The event with this identifier, if one is stored: one point read on the unique event id index. */
    Optional<MongoEventStorageEngine.LocatedEvent> locate(String eventIdentifier) {
        BsonDocument document = events.find(new BsonDocument(EventFields.EVENT_ID, new BsonString(eventIdentifier)))
                .first();
        if (document == null) {
            return Optional.empty();
        }
        CommitLog.State state = commits.stateOf(document);
        return Optional.of(new MongoEventStorageEngine.LocatedEvent(CommitLog.position(document),
                state == CommitLog.State.COMPLETE, state == CommitLog.State.PENDING));
    }
}
