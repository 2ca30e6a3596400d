package dev.kehu.infra.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Axon {@code EventStorageEngine} on plain {@code mongodb-driver-sync}. Every read reaches documents by {@code _id}
 * (equality or {@code $in}) or by equality on the full unique key {@code (aggregateId, seq)}, so loading an
 * aggregate and streaming cost the same whatever the store's size, on mongo-java-server and on a real MongoDB.
 *
 * <p>Commits: the n events of a commit are inserted at the head of the log, positions head + 1 … head + n, with one
 * ordered {@code insertMany}; the unique {@code _id} index is the atomic counter that lets exactly one writer take
 * a position. Each document names its commit's first and last position; an event is visible once its commit's last
 * document exists. No transactions are needed: see {@link CommitLog} for how a commit is complete, abandoned or
 * pending, and why positions never have holes.
 *
 * <p>Streaming uses Axon's {@link GapAwareTrackingToken}. The log has no holes, so tokens carry no gaps; a reader
 * stops before a commit that is still being inserted and delivers it once it is complete. Holes left by the
 * counter-based predecessor of this engine are treated as gaps.
 */
public class MongoEventStorageEngine extends AbstractEventStorageEngine {

    /** Root unit-of-work resource holding the global position of the last event of the commit (a {@code Long}). */
    public static final String LAST_COMMITTED_POSITION = dev.kehu.events.CommitResources.LAST_COMMITTED_POSITION;
    private static final int MAX_INSERT_ATTEMPTS = 100;
    /** At most this many documents go into one insert of waiting commits (a larger commit goes alone). */
    private static final int MAX_BATCH_DOCUMENTS = 1_000;
    private static final Logger log = LoggerFactory.getLogger(MongoEventStorageEngine.class);

    private final MongoCollection<BsonDocument> events;
    private final MongoCollection<BsonDocument> snapshots;
    private final EventStoreSettings settings;
    private final Clock clock;
    private final LatestHashCache hashes;
    private final CommitLog commits;
    private final PersistenceExceptionResolver persistenceExceptionResolver;
    private final EventStreamReader streamReader;
    /**
     * One writer at a time per instance: it claims the head this instance last saw for every commit waiting in
     * {@link #waitingCommits}.
     */
    private final java.util.concurrent.locks.ReentrantLock appendLock = new java.util.concurrent.locks.ReentrantLock();
    private final java.util.Queue<QueuedCommit> waitingCommits = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** The highest position this instance knows to be stored; -1 until looked up. Guarded by appendLock. */
    private volatile long knownHead = -1;

    protected MongoEventStorageEngine(Builder builder) {
        super(builder);
        this.settings = builder.settings;
        this.clock = builder.clock;
        this.persistenceExceptionResolver = builder.persistenceExceptionResolver;
        this.events = builder.database.getCollection(settings.eventsCollection(), BsonDocument.class);
        this.snapshots = builder.database.getCollection(settings.snapshotsCollection(), BsonDocument.class);
        this.hashes = new LatestHashCache(settings.hashCacheSize());
        this.commits = new CommitLog(events,
                builder.database.getCollection(settings.collectionPrefix() + "counters", BsonDocument.class), clock);
        this.streamReader = new EventStreamReader(events, commits, settings, clock, this::head);
        ensureIndexes();
    }

    public static Builder builder() {
        return new Builder();
    }

    public EventStoreSettings settings() {
        return settings;
    }

    public MongoCollection<BsonDocument> eventsCollection() {
        return events;
    }

    private void ensureIndexes() {
        events.createIndex(Indexes.ascending(EventFields.AGGREGATE_ID, EventFields.SEQ),
                new IndexOptions().unique(true).name(WriteConflict.AGGREGATE_SEQUENCE_INDEX));
        // Event identifiers are unique across the log (Axon's contract). Sparse: the markers that close a dead
        // writer's commit have none. Abandoned documents give theirs up (CommitLog.abandon), so a commit inserted
        // again after another instance cut in does not collide with its own abandoned copy.
        IndexOptions eventIdUnique = new IndexOptions().unique(true).sparse(true).name(WriteConflict.EVENT_ID_INDEX);
        try {
            events.createIndex(Indexes.ascending(EventFields.EVENT_ID), eventIdUnique);
        } catch (MongoServerException e) { // a command error on MongoDB, a DuplicateKeyException on the embedded one
            if (e.getCode() != 11000) {
                throw e;
            }
            // a store written before the index existed: abandoned copies still hold their identifiers
            int renamed = commits.releaseAbandonedEventIds();
            log.warn("Renamed the event identifiers of {} abandoned documents to create the unique index {}",
                    renamed, WriteConflict.EVENT_ID_INDEX);
            events.createIndex(Indexes.ascending(EventFields.EVENT_ID), eventIdUnique);
        }
    }

    // ------------------------------------------------------------------------------------------------ append

    /**
     * Stores one commit: every event one unit of work appends, possibly for several aggregates. The documents are
     * chained (hashes) first, then queued; whoever holds the append lock inserts every queued commit at the head of
     * the log in one go (see {@link #insertWaiting}), so commits that arrive while another is being written share
     * its round trip (and, on a durable store, its sync).
     */
    @Override
    protected void appendEvents(List<? extends EventMessage<?>> eventMessages, Serializer serializer) {
        if (eventMessages.isEmpty()) {
            return;
        }
        List<BsonDocument> documents = new ArrayList<>(eventMessages.size());
        for (EventMessage<?> event : eventMessages) {
            documents.add(toDocument(event, serializer));
        }
        Map<String, String[]> latest = chain(documents);
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
        long last = commit.lastOrThrow();
        latest.forEach((aggregateId, seqAndHash) -> hashes.put(aggregateId, Long.parseLong(seqAndHash[0]),
                seqAndHash[1]));
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().resources().put(LAST_COMMITTED_POSITION, last);
        }
    }

    /**
     * Sets {@code prevHash} and {@code hash} on every document: each aggregate's first event in the commit follows
     * its event stored before (hash from the cache or one read by the unique key), later ones follow the previous
     * event in the commit. Returns the latest (seq, hash) per aggregate.
     */
    private Map<String, String[]> chain(List<BsonDocument> documents) {
        Map<String, String[]> latest = new HashMap<>();
        for (BsonDocument document : documents) {
            String aggregateId = document.getString(EventFields.AGGREGATE_ID).getValue();
            long seq = document.getInt64(EventFields.SEQ).getValue();
            String[] earlier = latest.get(aggregateId);
            String prevHash = earlier != null ? earlier[1] : predecessorHash(aggregateId, seq);
            String hash = EventHasher.hash(prevHash, document);
            document.put(EventFields.PREV_HASH, new BsonString(prevHash));
            document.put(EventFields.HASH, new BsonString(hash));
            latest.put(aggregateId, new String[]{Long.toString(seq), hash});
        }
        return latest;
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
            try {
                insertDocuments(documents);
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
        if (!isDuplicateKey(e)) {
            knownHead = -1;
            failed.fail(persistenceFailure(e, failed.events.get(failedWithin)));
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
        failed.fail(persistenceFailure(e, failed.events.get(failedWithin)));
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

    /** The exception Axon's resolver makes of a failed insert (a {@code ConcurrencyException} for a conflict). */
    private RuntimeException persistenceFailure(Exception e, EventMessage<?> failedEvent) {
        try {
            handlePersistenceException(e, failedEvent);
        } catch (RuntimeException thrown) {
            return thrown;
        }
        return new EventStoreException("Failed to store a commit", e); // not reached: the above throws
    }

    /**
     * Writes the documents of the commits taken together (one commit's, when none other was waiting), in position
     * order, with one ordered {@code insertMany}. Tests override this to delay a commit or to die half-way through
     * one.
     */
    protected void insertDocuments(List<BsonDocument> documents) {
        events.insertMany(documents, new InsertManyOptions().ordered(true));
    }

    /**
     * Abandons the commit that holds the document in the way of {@code wanted}'s unique key, if that commit can
     * never complete: another commit already took one of its positions, or it is still the last thing in the log
     * but older than the orphan timeout (its writer died mid-commit; a document is put after it first, so it can no
     * longer complete). Returns whether the key is free to try again.
     */
    private boolean abandonDeadCommitBlocking(BsonDocument wanted) {
        BsonDocument blocking = events.find(byKey(wanted.getString(EventFields.AGGREGATE_ID).getValue(),
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

    /** The hash of an aggregate's event before {@code seq}; empty at seq 0. */
    private String predecessorHash(String aggregateId, long seq) {
        if (seq <= 0) {
            return "";
        }
        String cached = hashes.get(aggregateId, seq - 1);
        if (cached != null) {
            return cached;
        }
        BsonDocument previous = events.find(byKey(aggregateId, seq - 1))
                .projection(Projections.include(EventFields.HASH)).first();
        return previous == null ? "" : previous.getString(EventFields.HASH).getValue();
    }

    private BsonDocument toDocument(EventMessage<?> event, Serializer serializer) {
        SerializedType payloadType;
        BsonValue payload;
        if (serializer instanceof JacksonSerializer jackson && event.getPayload() != null) {
            // one pass object -> tree (the generic path writes bytes and parses them again)
            payloadType = serializer.typeForClass(event.getPayloadType());
            payload = BsonJson.toBson(jackson.getObjectMapper().valueToTree(event.getPayload()));
        } else {
            SerializedObject<JsonNode> serialized = event.serializePayload(serializer, JsonNode.class);
            payloadType = serialized.getType();
            payload = BsonJson.toBson(serialized.getData());
        }
        // exactly the metadata the application gave: an audit log must not invent who acted
        BsonDocument metadata = metaDataDocument(event.getMetaData(), serializer);
        BsonDocument document = new BsonDocument();
        document.put(EventFields.ID, BsonNull.VALUE);
        if (event instanceof DomainEventMessage<?> domainEvent && domainEvent.getAggregateIdentifier() != null) {
            document.put(EventFields.AGGREGATE_TYPE, domainEvent.getType() == null
                    ? BsonNull.VALUE : new BsonString(domainEvent.getType()));
            document.put(EventFields.AGGREGATE_ID, new BsonString(domainEvent.getAggregateIdentifier()));
            document.put(EventFields.SEQ, new BsonInt64(domainEvent.getSequenceNumber()));
        } else {
            document.put(EventFields.AGGREGATE_TYPE, BsonNull.VALUE);
            document.put(EventFields.AGGREGATE_ID,
                    new BsonString(EventFields.NON_AGGREGATE_PREFIX + event.getIdentifier()));
            document.put(EventFields.SEQ, new BsonInt64(0));
        }
        document.put(EventFields.EVENT_ID, new BsonString(event.getIdentifier()));
        document.put(EventFields.TYPE, new BsonString(payloadType.getName()));
        String revision = payloadType.getRevision();
        document.put(EventFields.REVISION, revision == null ? BsonNull.VALUE : new BsonString(revision));
        document.put(EventFields.TIMESTAMP, new BsonDateTime(event.getTimestamp().toEpochMilli()));
        document.put(EventFields.PAYLOAD, payload);
        document.put(EventFields.METADATA, metadata);
        return document;
    }

    /** Metadata as a readable document; plain string values are copied directly, anything else goes through Jackson. */
    private static BsonDocument metaDataDocument(MetaData metaData, Serializer serializer) {
        BsonDocument document = new BsonDocument();
        for (Map.Entry<String, ?> entry : new TreeMap<>(metaData).entrySet()) {
            Object value = entry.getValue();
            if (value == null || value instanceof String) {
                document.put(entry.getKey(), value == null ? BsonNull.VALUE : new BsonString((String) value));
            } else {
                SerializedObject<JsonNode> serialized = serializer.serialize(metaData, JsonNode.class);
                return BsonJson.toBson(serialized.getData()).asDocument();
            }
        }
        return document;
    }


    // ------------------------------------------------------------------------------------------------ snapshots

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        SerializedObject<JsonNode> payload = snapshot.serializePayload(serializer, JsonNode.class);
        SerializedObject<JsonNode> metaData = snapshot.serializeMetaData(serializer, JsonNode.class);
        BsonDocument document = new BsonDocument()
                .append(EventFields.ID, new BsonString(snapshot.getAggregateIdentifier()))
                .append(EventFields.AGGREGATE_TYPE, snapshot.getType() == null
                        ? BsonNull.VALUE : new BsonString(snapshot.getType()))
                .append(EventFields.AGGREGATE_ID, new BsonString(snapshot.getAggregateIdentifier()))
                .append(EventFields.SEQ, new BsonInt64(snapshot.getSequenceNumber()))
                .append(EventFields.EVENT_ID, new BsonString(snapshot.getIdentifier()))
                .append(EventFields.TYPE, new BsonString(payload.getType().getName()))
                .append(EventFields.REVISION, payload.getType().getRevision() == null
                        ? BsonNull.VALUE : new BsonString(payload.getType().getRevision()))
                .append(EventFields.TIMESTAMP, new BsonDateTime(snapshot.getTimestamp().toEpochMilli()))
                .append(EventFields.PAYLOAD, BsonJson.toBson(payload.getData()))
                .append(EventFields.METADATA, BsonJson.toBson(metaData.getData()));
        try {
            snapshots.replaceOne(new BsonDocument(EventFields.ID, new BsonString(snapshot.getAggregateIdentifier()))
                            .append(EventFields.SEQ, new BsonDocument("$lt", new BsonInt64(snapshot.getSequenceNumber()))),
                    document, new ReplaceOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // a snapshot at the same or a later sequence number is already stored: keep it
        }
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        BsonDocument snapshot = snapshots.find(Filters.eq(EventFields.ID, aggregateIdentifier)).first();
        return snapshot == null ? Stream.empty() : Stream.of(StoredEventData.domain(snapshot));
    }

    // ------------------------------------------------------------------------------------------------ aggregates

    /**
     * Point reads by the unique key, seq = first, first + 1, ... until one is missing or not yet visible. When an
     * event's commit continues past it, the following events of the same aggregate are read ahead (they are needed
     * next anyway) until the commit's last event shows up; only a commit that spans other aggregates costs one
     * extra read by {@code _id}.
     */
    @Override
    protected Stream<? extends DomainEventData<?>> readEventData(String identifier, long firstSequenceNumber) {
        Spliterator<StoredEventData.Domain> spliterator = new Spliterators.AbstractSpliterator<>(
                Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
            private final java.util.ArrayDeque<BsonDocument> ahead = new java.util.ArrayDeque<>();
            private long next = Math.max(0, firstSequenceNumber);
            private boolean done;

            @Override
            public boolean tryAdvance(Consumer<? super StoredEventData.Domain> action) {
                if (done) {
                    return false;
                }
                BsonDocument document = ahead.isEmpty() ? events.find(byKey(identifier, next)).first() : ahead.poll();
                if (document == null || !isVisible(document)) {
                    done = true;
                    return false;
                }
                hashes.put(identifier, next, document.getString(EventFields.HASH).getValue());
                next++;
                action.accept(StoredEventData.domain(document));
                return true;
            }

            private boolean isVisible(BsonDocument document) {
                long commitLast = CommitLog.commitLast(document);
                Long commitFirst = CommitLog.commitFirst(document);
                BsonDocument last = ahead.isEmpty() ? document : ahead.peekLast();
                while (sameCommit(last, commitFirst, commitLast) && CommitLog.position(last) != commitLast) {
                    BsonDocument following = events.find(byKey(identifier,
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

    /** The event at (aggregateId, seq) if it exists and its commit is complete. */
    private BsonDocument readVisible(String aggregateId, long seq) {
        BsonDocument document = events.find(byKey(aggregateId, seq)).first();
        if (document == null) {
            return null;
        }
        return commits.stateOf(document) == CommitLog.State.COMPLETE ? document : null;
    }

    /** Where an event stands: its global position and whether its commit is complete. */
    public record LocatedEvent(long position, boolean complete, boolean pending) {
    }

    /**
     * The event with this identifier, if one is stored (an abandoned copy has given its identifier up): one point
     * read on the unique event id index. Used to tell whether a request that died had committed.
     */
    public Optional<LocatedEvent> locate(String eventIdentifier) {
        BsonDocument document = events.find(new BsonDocument(EventFields.EVENT_ID, new BsonString(eventIdentifier)))
                .first();
        if (document == null) {
            return Optional.empty();
        }
        CommitLog.State state = commits.stateOf(document);
        return Optional.of(new LocatedEvent(CommitLog.position(document), state == CommitLog.State.COMPLETE,
                state == CommitLog.State.PENDING));
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
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

    /**
     * Equality on the full unique key, as a plain document: {@code Filters.and} renders as {@code $and}, which
     * mongo-java-server does not match against the unique index (a full scan).
     */
    static BsonDocument byKey(String aggregateId, long seq) {
        return new BsonDocument(EventFields.AGGREGATE_ID, new BsonString(aggregateId))
                .append(EventFields.SEQ, new BsonInt64(seq));
    }

    // ------------------------------------------------------------------------------------------------ streaming

    /** Streams batch after batch; see {@link EventStreamReader}. */
    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        return streamReader.read(toGapAware(trackingToken));
    }

    private static GapAwareTrackingToken toGapAware(TrackingToken token) {
        TrackingToken unwrapped = WrappedToken.unwrapLowerBound(token);
        if (unwrapped == null) {
            return GapAwareTrackingToken.newInstance(0, List.of());
        }
        if (!(unwrapped instanceof GapAwareTrackingToken gapAware)) {
            throw new IllegalArgumentException("Unsupported token type " + unwrapped.getClass().getName()
                    + "; this event store works with GapAwareTrackingToken");
        }
        return gapAware;
    }

    private long head() {
        long known = knownHead;
        return known < 0 ? commits.findHead() : commits.findHead(known);
    }

    @Override
    public TrackingToken createTailToken() {
        return GapAwareTrackingToken.newInstance(0, List.of());
    }

    /** The current head: the last stored position, or the one before a commit that is still being inserted. */
    @Override
    public TrackingToken createHeadToken() {
        long head = head();
        if (head == 0) {
            return createTailToken();
        }
        BsonDocument last = events.find(Filters.eq(EventFields.ID, head)).first();
        if (last != null && commits.stateOf(last) == CommitLog.State.PENDING) {
            Long first = CommitLog.commitFirst(last);
            return GapAwareTrackingToken.newInstance((first != null ? first : head) - 1, List.of());
        }
        return GapAwareTrackingToken.newInstance(head, List.of());
    }

    /**
     * A token just before the first event at or after {@code dateTime}. Approximate: it binary-searches positions
     * by the events' timestamps (creation times, which follow position order up to the commit latency), using
     * point reads only.
     */
    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        long low = 1;
        long high = head();
        long target = dateTime.toEpochMilli();
        long answer = high + 1;
        while (low <= high) {
            long middle = low + (high - low) / 2;
            BsonDocument probe = firstExistingFrom(middle, high);
            if (probe == null) {
                high = middle - 1;
                continue;
            }
            long position = probe.getInt64(EventFields.ID).getValue();
            if (probe.getDateTime(EventFields.TIMESTAMP).getValue() >= target) {
                answer = position;
                high = middle - 1;
            } else {
                low = position + 1;
            }
        }
        return GapAwareTrackingToken.newInstance(Math.max(0, answer - 1), List.of());
    }

    private BsonDocument firstExistingFrom(long from, long max) {
        long to = Math.min(max, from + 15);
        BsonDocument first = null;
        for (BsonDocument document : events.find(Filters.in(EventFields.ID, range(from, to)))
                .projection(Projections.include(EventFields.ID, EventFields.TIMESTAMP))) {
            if (first == null || document.getInt64(EventFields.ID).getValue() < first.getInt64(EventFields.ID).getValue()) {
                first = document;
            }
        }
        return first;
    }

    static List<Long> range(long from, long to) {
        List<Long> positions = new ArrayList<>((int) Math.max(0, to - from + 1));
        for (long position = from; position <= to; position++) {
            positions.add(position);
        }
        return positions;
    }

    static boolean isDuplicateKey(Exception e) {
        if (e instanceof MongoBulkWriteException bulk) {
            return bulk.getWriteErrors().stream().anyMatch(error -> error.getCode() == 11000);
        }
        if (e instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Latest known (seq, hash) per aggregate, least recently used evicted. */
    private static final class LatestHashCache {
        private final CommitLog.BoundedMap<String, Object[]> entries;

        LatestHashCache(int size) {
            this.entries = new CommitLog.BoundedMap<>(size);
        }

        String get(String aggregateId, long seq) {
            Object[] entry = entries.get(aggregateId);
            return entry != null && (Long) entry[0] == seq ? (String) entry[1] : null;
        }

        void put(String aggregateId, long seq, String hash) {
            synchronized (entries) {
                Object[] existing = entries.get(aggregateId);
                if (existing == null || (Long) existing[0] <= seq) {
                    entries.put(aggregateId, new Object[]{seq, hash});
                }
            }
        }
    }

    /** Builder; database and serializers are required. */
    public static class Builder extends AbstractEventStorageEngine.Builder {
        private MongoDatabase database;
        private EventStoreSettings settings = EventStoreSettings.defaults();
        private Clock clock = Clock.systemUTC();
        private PersistenceExceptionResolver persistenceExceptionResolver;

        Builder() {
            persistenceExceptionResolver(MongoEventStorageEngine::isDuplicateKey);
        }

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        public Builder settings(EventStoreSettings settings) {
            this.settings = settings;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(org.axonframework.serialization.upcasting.event.EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder persistenceExceptionResolver(PersistenceExceptionResolver resolver) {
            super.persistenceExceptionResolver(resolver);
            this.persistenceExceptionResolver = resolver;
            return this;
        }

        public MongoEventStorageEngine build() {
            validate();
            return new MongoEventStorageEngine(this);
        }

        @Override
        protected void validate() {
            super.validate();
            if (database == null) {
                throw new org.axonframework.common.AxonConfigurationException("A MongoDatabase is required");
            }
        }
    }
}
