package dev.kehu.infra.eventstore;

import com.mongodb.ErrorCategory;
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
import com.mongodb.client.model.Updates;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

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
 * <p>The parts: {@link CommitWriter} appends commits, {@link AggregateHashes} chains each aggregate's events,
 * {@link AggregateStreams} reads one aggregate, {@link EventStreamReader} the global stream, {@link EventDocuments}
 * is the stored form.
 *
 * <p>Streaming uses Axon's {@link GapAwareTrackingToken}. The log has no holes, so tokens carry no gaps; a reader
 * stops before a commit that is still being inserted and delivers it once it is complete. Holes left by the
 * counter-based predecessor of this engine are treated as gaps.
 */
public class MongoEventStorageEngine extends AbstractEventStorageEngine {

    /** Root unit-of-work resource holding the global position of the last event of the commit (a {@code Long}). */
    public static final String LAST_COMMITTED_POSITION = dev.kehu.events.CommitResources.LAST_COMMITTED_POSITION;
    private static final Logger log = LoggerFactory.getLogger(MongoEventStorageEngine.class);

    private final MongoCollection<BsonDocument> events;
    /** {@code events} unjournaled, for inserts the writer waits for after its lock ({@link DurableReplies}). */
    private final MongoCollection<BsonDocument> unjournaledEvents;
    private final MongoCollection<BsonDocument> snapshots;
    private final EventStoreSettings settings;
    private final AggregateHashes hashes;
    private final CommitLog commits;
    private final CommitWriter writer;
    private final AggregateStreams aggregates;
    private final EventStreamReader streamReader;

    protected MongoEventStorageEngine(Builder builder) {
        super(builder);
        this.settings = builder.settings;
        this.events = builder.database.getCollection(settings.eventsCollection(), BsonDocument.class);
        this.snapshots = builder.database.getCollection(settings.snapshotsCollection(), BsonDocument.class);
        this.hashes = new AggregateHashes(events, settings.hashCacheSize());
        this.commits = new CommitLog(events,
                builder.database.getCollection(settings.collectionPrefix() + "counters", BsonDocument.class), builder.clock);
        DurableReplies durableReplies = DurableReplies.announcedBy(builder.database);
        this.unjournaledEvents = durableReplies == null ? events
                : events.withWriteConcern(events.getWriteConcern().withJournal(false));
        this.writer = new CommitWriter(events, commits, settings, builder.clock, builder.persistenceExceptionResolver,
                this::insertDocuments, this::persistenceFailure, durableReplies);
        this.aggregates = new AggregateStreams(events, commits, hashes);
        this.streamReader = new EventStreamReader(events, commits, settings, builder.clock, this::head,
                PayloadCipher.of(getEventSerializer()));
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
        dropStreamKeyIndex();
    }

    /**
     * Stores written before aggregates were read by range on {@code (aggregateId, seq)} have a second unique index on
     * {@link EventFields#STREAM_KEY} ({@code aggregateId#seq}, for servers that could not answer {@code $in} on the
     * compound one). Nothing reads it any more; dropping it saves its upkeep on every append. Its field stays in the
     * old documents, where nothing reads it either (it is not part of the hash).
     */
    private void dropStreamKeyIndex() {
        for (BsonDocument index : events.listIndexes(BsonDocument.class)) {
            if (WriteConflict.STREAM_KEY_INDEX.equals(index.getString("name", new BsonString("")).getValue())) {
                events.dropIndex(WriteConflict.STREAM_KEY_INDEX);
                log.info("Dropped the index {} of {}: aggregates are read by range on (aggregateId, seq)",
                        WriteConflict.STREAM_KEY_INDEX, settings.eventsCollection());
                return;
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ append

    /**
     * Stores one commit: every event one unit of work appends, possibly for several aggregates. The documents are
     * chained (hashes) first, then written at the head of the log by the {@link CommitWriter}, together with the
     * commits that arrived meanwhile.
     */
    @Override
    protected void appendEvents(List<? extends EventMessage<?>> eventMessages, Serializer serializer) {
        if (eventMessages.isEmpty()) {
            return;
        }
        List<BsonDocument> documents = new ArrayList<>(eventMessages.size());
        for (EventMessage<?> event : eventMessages) {
            documents.add(EventDocuments.event(event, serializer));
        }
        Map<String, String[]> chained = hashes.chain(documents);
        long last = writer.append(documents, eventMessages);
        hashes.remember(chained);
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().resources().put(LAST_COMMITTED_POSITION, last);
        }
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
        MongoCollection<BsonDocument> target = writer.insertsUnjournaled() ? unjournaledEvents : events;
        target.insertMany(documents, new InsertManyOptions().ordered(true));
    }

    // ------------------------------------------------------------------------------------------------ snapshots

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        BsonDocument document = EventDocuments.snapshot(snapshot, serializer);
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

    /** Windows of range reads on {@code (aggregateId, seq)} until an event is missing or not yet visible; see {@link AggregateStreams}. */
    @Override
    protected Stream<? extends DomainEventData<?>> readEventData(String identifier, long firstSequenceNumber) {
        return aggregates.read(identifier, firstSequenceNumber);
    }

    /** Where an event stands: its global position and whether its commit is complete. */
    public record LocatedEvent(long position, boolean complete, boolean pending) {
    }

    /**
     * The event with this identifier, if one is stored (an abandoned copy has given its identifier up): one point
     * read on the unique event id index. Used to tell whether a request that died had committed.
     */
    public Optional<LocatedEvent> locate(String eventIdentifier) {
        return aggregates.locate(eventIdentifier);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return aggregates.lastSequenceNumber(aggregateIdentifier);
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
        long known = writer.knownHead();
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
        for (BsonDocument document : events.find(Filters.in(EventFields.ID, EventDocuments.range(from, to)))
                .projection(Projections.include(EventFields.ID, EventFields.TIMESTAMP))) {
            if (first == null || document.getInt64(EventFields.ID).getValue() < first.getInt64(EventFields.ID).getValue()) {
                first = document;
            }
        }
        return first;
    }

    /** Builder; database and serializers are required. */
    public static class Builder extends AbstractEventStorageEngine.Builder {
        private MongoDatabase database;
        private EventStoreSettings settings = EventStoreSettings.defaults();
        private Clock clock = Clock.systemUTC();
        private PersistenceExceptionResolver persistenceExceptionResolver;

        Builder() {
            persistenceExceptionResolver(EventDocuments::isDuplicateKey);
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
