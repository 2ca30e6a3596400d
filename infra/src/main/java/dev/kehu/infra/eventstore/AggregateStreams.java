package dev.kehu.infra.eventstore;

import com.mongodb.client.MongoCollection;
import org.bson.BsonDocument;
import org.bson.BsonString;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads one aggregate's events, by point reads on the unique key {@code (aggregateId, seq)}, delivering only events
 * whose commit is complete ({@link CommitLog}); also finds an aggregate's last sequence number and an event by its
 * identifier.
 */
final class AggregateStreams {

    private final MongoCollection<BsonDocument> events;
    private final CommitLog commits;
    private final AggregateHashes hashes;

    AggregateStreams(MongoCollection<BsonDocument> events, CommitLog commits, AggregateHashes hashes) {
        this.events = events;
        this.commits = commits;
        this.hashes = hashes;
    }

    /**
     * Point reads by the unique key, seq = first, first + 1, ... until one is missing or not yet visible. When an
     * event's commit continues past it, the following events of the same aggregate are read ahead (they are needed
     * next anyway) until the commit's last event shows up; only a commit that spans other aggregates costs one
     * extra read by {@code _id}.
     */
    Stream<StoredEventData.Domain> read(String identifier, long firstSequenceNumber) {
        Spliterator<StoredEventData.Domain> spliterator = new Spliterators.AbstractSpliterator<>(
                Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
            private final ArrayDeque<BsonDocument> ahead = new ArrayDeque<>();
            private long next = Math.max(0, firstSequenceNumber);
            private boolean done;

            @Override
            public boolean tryAdvance(Consumer<? super StoredEventData.Domain> action) {
                if (done) {
                    return false;
                }
                BsonDocument document = ahead.isEmpty()
                        ? events.find(EventDocuments.byKey(identifier, next)).first() : ahead.poll();
                if (document == null || !isVisible(document)) {
                    done = true;
                    return false;
                }
                hashes.remember(identifier, next, document.getString(EventFields.HASH).getValue());
                next++;
                action.accept(StoredEventData.domain(document));
                return true;
            }

            private boolean isVisible(BsonDocument document) {
                long commitLast = CommitLog.commitLast(document);
                Long commitFirst = CommitLog.commitFirst(document);
                BsonDocument last = ahead.isEmpty() ? document : ahead.peekLast();
                while (sameCommit(last, commitFirst, commitLast) && CommitLog.position(last) != commitLast) {
                    BsonDocument following = events.find(EventDocuments.byKey(identifier,
                            last.getNumber(EventFields.SEQ).longValue() + 1)).first();
                    if (following == null) {
                        break;
                    }
                    ahead.add(following);
                    last = following;
                }
                CommitLog.CommitRef lastRead = sameCommit(last, commitFirst, commitLast) ? CommitLog.CommitRef.of(last) : null;
                return commits.stateOf(CommitLog.CommitRef.of(document),
                        position -> lastRead != null && lastRead.position() == position ? lastRead : null)
                        == CommitLog.State.COMPLETE;
            }
        };
        return StreamSupport.stream(spliterator, false);
    }

    private static boolean sameCommit(BsonDocument document, Long commitFirst, long commitLast) {
        return CommitLog.commitLast(document) == commitLast
                && Objects.equals(CommitLog.commitFirst(document), commitFirst);
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
