package dev.kehu.infra.eventstore;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.BsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Writes commits at the head of the log. Commits queue up; whoever holds the append lock inserts every queued
 * commit in one ordered {@code insertMany} (see {@link #insertWaiting}), so commits that arrive while another is
 * being written share its round trip (and, on a durable store, its sync). Instances share no state: the unique
 * {@code _id} index decides who takes a position, and this writer recovers from losing one, from a real conflict
 * and from a dead writer's half-inserted commit ({@link CommitLog}). On a server with {@link DurableReplies}, when
 * other threads wait for the append lock, the insert does not wait for the disk; each caller waits after releasing
 * the lock, so the next batch is inserted while this one syncs, and one sync covers several. A writer alone inserts
 * with the usual acknowledgement: one round trip instead of two.
 */
final class CommitWriter {

    private static final Logger log = LoggerFactory.getLogger(MongoEventStorageEngine.class);
    private static final int MAX_INSERT_ATTEMPTS = 100;
    /** At most this many documents go into one insert of waiting commits (a larger commit goes alone). */
    private static final int MAX_BATCH_DOCUMENTS = 1_000;

    private final MongoCollection<BsonDocument> events;
    private final CommitLog commits;
    private final EventStoreSettings settings;
    private final Clock clock;
    private final PersistenceExceptionResolver persistenceExceptionResolver;
    /** The engine's {@code insertDocuments}, which tests override to delay a commit or die half-way through one. */
    private final Consumer<List<BsonDocument>> insert;
    /** The exception Axon's resolver makes of a failed insert (a {@code ConcurrencyException} for a conflict). */
    private final BiFunction<Exception, EventMessage<?>, RuntimeException> persistenceFailure;
    /** Where the server's replies wait for the disk: the wait after the lock; null elsewhere. */
    private final DurableReplies durableReplies;
    /** One writer at a time per instance: it claims the head this instance last saw for every waiting commit. */
    private final ReentrantLock appendLock = new ReentrantLock();
    private final Queue<QueuedCommit> waitingCommits = new ConcurrentLinkedQueue<>();
    /** Whether the insert under way is sent unjournaled ({@link #insertsUnjournaled}). Guarded by appendLock. */
    private boolean unjournaled;
    /** The highest position this instance knows to be stored; -1 until looked up. Guarded by appendLock. */
    private volatile long knownHead = -1;

    CommitWriter(MongoCollection<BsonDocument> events, CommitLog commits, EventStoreSettings settings, Clock clock,
                 PersistenceExceptionResolver persistenceExceptionResolver, Consumer<List<BsonDocument>> insert,
                 BiFunction<Exception, EventMessage<?>, RuntimeException> persistenceFailure,
                 DurableReplies durableReplies) {
        this.events = events;
        this.commits = commits;
        this.settings = settings;
        this.clock = clock;
        this.persistenceExceptionResolver = persistenceExceptionResolver;
        this.insert = insert;
        this.persistenceFailure = persistenceFailure;
        this.durableReplies = durableReplies;
    }

    /** For the engine's insert, called under the append lock: whether to send it unjournaled. */
    boolean insertsUnjournaled() {
        return unjournaled;
    }

    /** The highest position this instance knows to be stored, or -1. */
    long knownHead() {
        return knownHead;
    }

    /** Stores one commit (documents chained already); returns the position of its last event or throws its failure. */
    long append(List<BsonDocument> documents, List<? extends EventMessage<?>> eventMessages) {
        QueuedCommit commit = new QueuedCommit(documents, eventMessages);
        waitingCommits.add(commit);
        appendLock.lock();
        try {
            while (!commit.isDone()) {
                insertWaiting(commit);
            }
        } finally {
            appendLock.unlock();
        }
        awaitDisk(commit);
        return commit.lastOrThrow();
    }

    /**
     * When the commit was inserted unjournaled, waits until it (stored or failed: a conflict may have been decided by another
     * commit not yet on disk) is on disk before its caller hears of it; a commit whose sync fails may be lost.
     */
    private void awaitDisk(QueuedCommit commit) {
        if (!commit.awaitDisk) {
            return;
        }
        try {
            durableReplies.await();
        } catch (RuntimeException e) {
            knownHead = -1;
            if (!commit.failed()) {
                throw new EventStoreException("A commit of " + commit.size() + " events was inserted, but the server"
                        + " could not confirm that it is on disk; it may be lost", e);
            }
        }
    }

    /**
     * Takes the commits waiting in the queue (in arrival order, up to {@value #MAX_BATCH_DOCUMENTS} documents, at
     * least one commit) and inserts them. Every commit taken is done afterwards, stored or failed; {@code mine} is
     * done once the queue has been drained up to it.
     */
    private void insertWaiting(QueuedCommit mine) {
        List<QueuedCommit> batch = new ArrayList<>();
        int size = 0;
        for (QueuedCommit next = waitingCommits.peek(); next != null
                && (batch.isEmpty() || size + next.size() <= MAX_BATCH_DOCUMENTS); next = waitingCommits.peek()) {
            batch.add(waitingCommits.poll());
            size += next.size();
        }
        if (batch.isEmpty()) {
            mine.fail(new EventStoreException("A commit was lost from the append queue")); // not reached
            return;
        }
        try {
            insertAtHead(batch);
        } catch (RuntimeException e) {
            knownHead = -1;
            for (QueuedCommit commit : batch) {
                commit.fail(new EventStoreException("Failed to store a commit of " + commit.size()
                        + " events; it stays invisible unless its last event was stored", e));
            }
        } finally {
            for (QueuedCommit commit : batch) {
                commit.fail(new EventStoreException("Failed to store a commit of " + commit.size() + " events"));
            }
        }
    }

    /**
     * Inserts the commits one after another at the head of the log with one ordered {@code insertMany}, one server
     * round trip when this instance knows the head; each commit keeps its own first and last position. Instances
     * share no state: when another one took a position first, the duplicate {@code _id} tells us; what we inserted
     * of the commit that hit it is abandoned, the head is looked up again and that commit and the ones after it are
     * inserted after it (those before it are stored). A duplicate (aggregateId, seq) is a real conflict of that one
     * commit, unless the document in the way belongs to a commit whose writer died: that one is abandoned and the
     * insert retried once. A commit that fails is abandoned and reported to its caller; the commits after it in the
     * batch are inserted again.
     */
    private void insertAtHead(List<QueuedCommit> batch) {
        List<QueuedCommit> remaining = new ArrayList<>(batch);
        int headTakenByOthers = 0;
        while (!remaining.isEmpty() && headTakenByOthers < MAX_INSERT_ATTEMPTS) {
            if (knownHead < 0) {
                knownHead = commits.findHead();
            }
            List<BsonDocument> documents = new ArrayList<>();
            long next = knownHead + 1;
            for (QueuedCommit commit : remaining) {
                commit.placeAt(next);
                next += commit.size();
                documents.addAll(commit.documents);
            }
            unjournaled = durableReplies != null && appendLock.hasQueuedThreads();
            for (QueuedCommit commit : remaining) {
                commit.awaitDisk |= unjournaled;
            }
            try {
                insert.accept(documents);
                knownHead = next - 1;
                remaining.forEach(commit -> commit.stored(commits));
                return;
            } catch (MongoBulkWriteException e) {
                if (e.getWriteErrors().isEmpty()) {
                    // only the write concern failed (e.g. a majority not reached in time): the documents may well
                    // be stored, so none of these commits is inserted again
                    knownHead = -1;
                    for (QueuedCommit commit : remaining) {
                        commit.fail(new EventStoreException("A commit of " + commit.size() + " events was not"
                                + " confirmed by the write concern; it may be stored: " + e.getWriteConcernError(), e));
                    }
                    return;
                }
                int failedIndex = Math.min(Math.max(e.getWriteErrors().get(0).getIndex(), 0), documents.size() - 1);
                int k = 0;
                int offset = 0;
                while (offset + remaining.get(k).size() <= failedIndex) {
                    remaining.get(k).stored(commits); // inserted in full before the failure
                    offset += remaining.get(k).size();
                    k++;
                }
                QueuedCommit failed = remaining.get(k);
                remaining = new ArrayList<>(remaining.subList(k + 1, remaining.size()));
                Retry retry = afterFailedInsert(e, failed, failedIndex - offset);
                if (retry != Retry.NONE) {
                    remaining.add(0, failed);
                }
                if (retry == Retry.HEAD_TAKEN) {
                    headTakenByOthers++;
                }
            }
        }
        for (QueuedCommit commit : remaining) {
            commit.fail(new EventStoreException("Could not claim positions for a commit of " + commit.size()
                    + " events after " + MAX_INSERT_ATTEMPTS
                    + " attempts: other writers kept taking the head of the log"));
        }
    }

    private enum Retry { NONE, HEAD_TAKEN, BLOCKER_ABANDONED }

    /**
     * After the insert failed at document {@code failedWithin} of {@code failed}: abandons what was inserted of that
     * commit and decides whether it is inserted again (another instance took the position, or a dead commit in the
     * way of its unique key was abandoned) or fails (a real conflict, or another error).
     */
    private Retry afterFailedInsert(MongoBulkWriteException e, QueuedCommit failed, int failedWithin) {
        if (failedWithin > 0) {
            commits.abandon(failed.first, failed.first + failedWithin - 1);
        }
        if (WriteConflict.of(e) == WriteConflict.EVENT_IDENTIFIER) {
            knownHead = failed.first + failedWithin - 1;
            failed.fail(duplicateEventIdentifier(e, failed.events.get(failedWithin)));
            return Retry.NONE;
        }
        if (!EventDocuments.isDuplicateKey(e)) {
            knownHead = -1;
            failed.fail(persistenceFailure.apply(e, failed.events.get(failedWithin)));
            return Retry.NONE;
        }
        long failedPosition = failed.first + failedWithin;
        if (commits.isStored(failedPosition)) {
            knownHead = commits.findHead(failedPosition); // another instance wrote there first
            return Retry.HEAD_TAKEN;
        }
        knownHead = failedPosition - 1;
        if (!failed.blockerAbandoned && abandonDeadCommitBlocking(failed.documents.get(failedWithin))) {
            failed.blockerAbandoned = true;
            return Retry.BLOCKER_ABANDONED;
        }
        failed.fail(persistenceFailure.apply(e, failed.events.get(failedWithin)));
        return Retry.NONE;
    }

    /**
     * The failure of a commit holding an event whose identifier is already stored: as Axon's engines report it
     * ({@link AggregateStreamCreationException} for an aggregate's first event, {@link ConcurrencyException}
     * otherwise, {@link EventStoreException} when the exception resolver does not call it a duplicate key), with a
     * message that names the identifier rather than the aggregate's sequence number.
     */
    private RuntimeException duplicateEventIdentifier(MongoBulkWriteException e, EventMessage<?> event) {
        String message = "An event with identifier [" + event.getIdentifier()
                + "] is already stored; event identifiers are unique in the log";
        if (persistenceExceptionResolver == null || !persistenceExceptionResolver.isDuplicateKeyViolation(e)) {
            return new EventStoreException(message, e);
        }
        if (event instanceof DomainEventMessage<?> domainEvent && domainEvent.getSequenceNumber() == 0) {
            return new AggregateStreamCreationException(message, e);
        }
        return new ConcurrencyException(message, e);
    }

    /**
     * Abandons the commit that holds the document in the way of {@code wanted}'s unique key, if that commit can
     * never complete: another commit already took one of its positions, or it is still the last thing in the log
     * but older than the orphan timeout (its writer died mid-commit; a document is put after it first, so it can no
     * longer complete). Returns whether the key is free to try again.
     */
    private boolean abandonDeadCommitBlocking(BsonDocument wanted) {
        BsonDocument blocking = events.find(EventDocuments.byKey(wanted.getString(EventFields.AGGREGATE_ID).getValue(),
                wanted.getInt64(EventFields.SEQ).getValue())).first();
        if (blocking == null) {
            return true; // the blocker was abandoned by someone else meanwhile
        }
        Long blockingFirst = CommitLog.commitFirst(blocking);
        if (blockingFirst == null) {
            return false; // written by the counter-based predecessor: never abandoned
        }
        CommitLog.State state = commits.stateOf(blocking);
        if (state == CommitLog.State.COMPLETE) {
            return false;
        }
        if (state == CommitLog.State.PENDING) {
            long age = clock.millis() - blocking.getDateTime(EventFields.TIMESTAMP).getValue();
            if (age < settings.orphanTimeout().toMillis()) {
                return false;
            }
            long head = commits.findHead(CommitLog.position(blocking));
            commits.closeAfter(head, "the commit at " + blockingFirst + " stopped half-way " + age + " ms ago");
            knownHead = commits.findHead(head);
            log.warn("Abandoning the incomplete commit at positions {}..{} ({} ms old): its writer stopped half-way",
                    blockingFirst, head, age);
        }
        commits.abandon(blockingFirst, CommitLog.commitLast(blocking));
        return true;
    }
}
