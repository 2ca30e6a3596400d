package dev.kehu.infra.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
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
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Axon {@code EventStorageEngine} on plain {@code mongodb-driver-sync}. Every read reaches documents by {@code _id}
 * (equality or {@code $in}) or by equality on the full unique key {@code (aggregateId, seq)}, so loading an
 * aggregate and streaming cost the same whatever the store's size, on mongo-java-server and on a real MongoDB.
 *
 * <p>Commits: a commit of n events reserves n dense global positions with one atomic counter update, then writes
 * all documents with one ordered {@code insertMany}. Each document names the position of the last event of its
 * commit ({@code commitLast}); an event is visible only once that document exists. No transactions are needed:
 * a writer that dies mid-commit leaves an invisible prefix which the next writer blocked by it deletes once it is
 * older than {@link EventStoreSettings#orphanTimeout()}.
 *
 * <p>Streaming uses Axon's {@link GapAwareTrackingToken}: positions allocated but not yet visible are remembered as
 * gaps and fetched again with the next batch, so an event whose commit finished late is still delivered.
 */
public class MongoEventStorageEngine extends AbstractEventStorageEngine {

    /** Root unit-of-work resource holding the global position of the last event of the commit (a {@code Long}). */
    public static final String LAST_COMMITTED_POSITION = "kehu.lastCommittedPosition";
    static final String COUNTER_ID = "events";
    private static final String SYSTEM_ACTOR = "system";
    private static final Logger log = LoggerFactory.getLogger(MongoEventStorageEngine.class);
    private static final java.util.concurrent.ExecutorService PREFETCHER =
            java.util.concurrent.Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "kehu-event-prefetch");
                thread.setDaemon(true);
                return thread;
            });

    private final MongoCollection<BsonDocument> events;
    private final MongoCollection<BsonDocument> counters;
    private final MongoCollection<BsonDocument> snapshots;
    private final EventStoreSettings settings;
    private final Clock clock;
    private final LatestHashCache hashes;
    private final Set<Long> completeCommits;
    private Reservation reservedAhead;

    protected MongoEventStorageEngine(Builder builder) {
        super(builder);
        this.settings = builder.settings;
        this.clock = builder.clock;
        this.events = builder.database.getCollection(settings.eventsCollection(), BsonDocument.class);
        this.counters = builder.database.getCollection(settings.countersCollection(), BsonDocument.class);
        this.snapshots = builder.database.getCollection(settings.snapshotsCollection(), BsonDocument.class);
        this.hashes = new LatestHashCache(settings.hashCacheSize());
        this.completeCommits = java.util.Collections.newSetFromMap(new BoundedMap<>(100_000));
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
                new IndexOptions().unique(true).name("aggregateId_seq_unique"));
    }

    // ------------------------------------------------------------------------------------------------ append

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> eventMessages, Serializer serializer) {
        if (eventMessages.isEmpty()) {
            return;
        }
        int n = eventMessages.size();
        List<BsonDocument> documents = new ArrayList<>(n);
        for (EventMessage<?> event : eventMessages) {
            documents.add(toDocument(event, serializer));
        }
        // Each aggregate's first event in this commit follows an event stored earlier: its hash and position.
        Map<String, Predecessor> predecessors = new HashMap<>();
        long mustExceed = 0;
        for (BsonDocument document : documents) {
            String aggregateId = document.getString(EventFields.AGGREGATE_ID).getValue();
            if (!predecessors.containsKey(aggregateId)) {
                Predecessor predecessor = predecessor(aggregateId, document.getInt64(EventFields.SEQ).getValue());
                predecessors.put(aggregateId, predecessor);
                mustExceed = Math.max(mustExceed, predecessor.position());
            }
        }
        long last = reservePositions(n, mustExceed);
        long first = last - n + 1;
        Map<String, String[]> chainInCommit = new HashMap<>();
        for (int i = 0; i < n; i++) {
            BsonDocument document = documents.get(i);
            document.put(EventFields.ID, new BsonInt64(first + i));
            document.put(EventFields.COMMIT_LAST, new BsonInt64(last));
            String aggregateId = document.getString(EventFields.AGGREGATE_ID).getValue();
            long seq = document.getInt64(EventFields.SEQ).getValue();
            String[] earlierInCommit = chainInCommit.get(aggregateId);
            String prevHash = earlierInCommit != null ? earlierInCommit[1] : predecessors.get(aggregateId).hash();
            String hash = EventHasher.hash(prevHash, document);
            document.put(EventFields.PREV_HASH, new BsonString(prevHash));
            document.put(EventFields.HASH, new BsonString(hash));
            chainInCommit.put(aggregateId, new String[]{Long.toString(seq), hash, Long.toString(first + i)});
        }
        insertCommit(documents, eventMessages, true);
        completeCommits.add(last);
        chainInCommit.forEach((aggregateId, latest) ->
                hashes.put(aggregateId, Long.parseLong(latest[0]), latest[1], Long.parseLong(latest[2])));
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().resources().put(LAST_COMMITTED_POSITION, last);
        }
    }

    private void insertCommit(List<BsonDocument> documents, List<? extends EventMessage<?>> eventMessages,
                              boolean mayRetry) {
        try {
            insertDocuments(documents);
        } catch (MongoBulkWriteException e) {
            int failedIndex = e.getWriteErrors().isEmpty() ? 0 : e.getWriteErrors().get(0).getIndex();
            deleteInserted(documents.subList(0, failedIndex));
            if (isDuplicateKey(e) && mayRetry && removeOrphanBlocking(documents.get(failedIndex))) {
                insertCommit(documents, eventMessages, false);
                return;
            }
            handlePersistenceException(e, eventMessages.get(Math.min(failedIndex, eventMessages.size() - 1)));
        } catch (RuntimeException e) {
            throw new EventStoreException("Failed to store a commit of " + documents.size()
                    + " events; the commit stays invisible unless its last event was stored", e);
        }
    }

    /**
     * Writes one commit's documents, in position order, with one ordered {@code insertMany}. Tests override this
     * to delay a commit or to die half-way through one.
     */
    protected void insertDocuments(List<BsonDocument> documents) {
        events.insertMany(documents, new InsertManyOptions().ordered(true));
    }

    private void deleteInserted(List<BsonDocument> inserted) {
        if (inserted.isEmpty()) {
            return;
        }
        List<Long> positions = new ArrayList<>(inserted.size());
        for (BsonDocument document : inserted) {
            positions.add(document.getInt64(EventFields.ID).getValue());
        }
        events.deleteMany(Filters.in(EventFields.ID, positions));
    }

    /**
     * Deletes the commit that holds the document blocking {@code wanted}'s unique key if that commit never
     * completed and is older than the orphan timeout (its writer died mid-commit).
     */
    private boolean removeOrphanBlocking(BsonDocument wanted) {
        BsonDocument blocking = events.find(byKey(wanted.getString(EventFields.AGGREGATE_ID).getValue(),
                wanted.getInt64(EventFields.SEQ).getValue())).first();
        if (blocking == null) {
            return true; // the blocker disappeared meanwhile (an orphan removed by someone else): retry
        }
        long commitLast = blocking.getNumber(EventFields.COMMIT_LAST).longValue();
        if (isCommitComplete(commitLast)) {
            return false;
        }
        long age = clock.millis() - blocking.getDateTime(EventFields.TIMESTAMP).getValue();
        if (age < settings.orphanTimeout().toMillis()) {
            return false;
        }
        List<Long> orphan = new ArrayList<>();
        long high = commitLast;
        boolean more = true;
        while (more && high > 0) {
            long low = Math.max(1, high - 99);
            more = false;
            for (BsonDocument doc : events.find(Filters.in(EventFields.ID, range(low, high)))
                    .projection(Projections.include(EventFields.COMMIT_LAST))) {
                if (doc.getNumber(EventFields.COMMIT_LAST).longValue() == commitLast) {
                    long position = doc.getInt64(EventFields.ID).getValue();
                    orphan.add(position);
                    more |= position == low;
                }
            }
            high = low - 1;
        }
        log.warn("Deleting {} events of an abandoned incomplete commit ending at position {} ({} ms old)",
                orphan.size(), commitLast, age);
        if (!orphan.isEmpty()) {
            events.deleteMany(Filters.in(EventFields.ID, orphan));
        }
        return true;
    }

    /**
     * Reserves n positions and returns the last. A single-event commit uses the position reserved ahead by the
     * previous one, if that reservation is younger than the lease, and starts the next reservation in the background,
     * so the counter round trip overlaps with the insert. A reservation not used within the lease is abandoned: a
     * hole that trackers treat as a gap (they wait at most the gap timeout, far longer than the lease).
     *
     * <p>A position reserved ahead may be older than an event another instance has stored since. It is used only if
     * it lies above {@code mustExceed}, the position of the previous event of every aggregate in the commit, so an
     * aggregate's events always stand in the global order in their sequence order; otherwise it is abandoned and a
     * fresh position (above everything stored so far) is taken.
     */
    private long reservePositions(int n, long mustExceed) {
        if (n != 1 || settings.reservationLease().isZero()) {
            return incrementCounter(n);
        }
        Reservation ahead;
        synchronized (this) {
            ahead = reservedAhead;
            reservedAhead = null;
        }
        Long position = null;
        if (ahead != null && clock.millis() - ahead.requestedAt() < settings.reservationLease().toMillis()) {
            try {
                position = ahead.position().join();
            } catch (RuntimeException failedAhead) {
                log.debug("Reserving a position ahead failed; reserving synchronously", failedAhead);
            }
        }
        if (position == null || position <= mustExceed) {
            position = incrementCounter(1);
        }
        synchronized (this) {
            if (reservedAhead == null) {
                reservedAhead = new Reservation(clock.millis(),
                        java.util.concurrent.CompletableFuture.supplyAsync(() -> incrementCounter(1), PREFETCHER));
            }
        }
        return position;
    }

    private record Reservation(long requestedAt, java.util.concurrent.CompletableFuture<Long> position) {
    }

    private long incrementCounter(int n) {
        BsonDocument counter = counters.findOneAndUpdate(Filters.eq(EventFields.ID, COUNTER_ID),
                Updates.inc(EventFields.VALUE, (long) n),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return Objects.requireNonNull(counter).getNumber(EventFields.VALUE).longValue();
    }

    /** The hash and position of an aggregate's event before {@code seq}; none (empty hash, position 0) at seq 0. */
    private Predecessor predecessor(String aggregateId, long seq) {
        if (seq <= 0) {
            return Predecessor.NONE;
        }
        Predecessor cached = hashes.get(aggregateId, seq - 1);
        if (cached != null) {
            return cached;
        }
        BsonDocument previous = events.find(byKey(aggregateId, seq - 1))
                .projection(Projections.include(EventFields.HASH)).first();
        return previous == null ? Predecessor.NONE
                : new Predecessor(previous.getString(EventFields.HASH).getValue(),
                previous.getNumber(EventFields.ID).longValue());
    }

    private record Predecessor(String hash, long position) {
        static final Predecessor NONE = new Predecessor("", 0);
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
        BsonDocument metadata = metaDataDocument(completeMetaData(event), serializer);
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
        for (Map.Entry<String, ?> entry : new java.util.TreeMap<>(metaData).entrySet()) {
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

    /** Metadata always holds actor, correlationId and causationId (defaults when the producer gave none). */
    private static MetaData completeMetaData(EventMessage<?> event) {
        MetaData metaData = event.getMetaData();
        Map<String, Object> added = new HashMap<>(4);
        if (metaData.get("actor") == null) {
            added.put("actor", SYSTEM_ACTOR);
        }
        Object trace = metaData.get("traceId");
        if (metaData.get("correlationId") == null) {
            added.put("correlationId", trace != null ? trace : event.getIdentifier());
        }
        if (metaData.get("causationId") == null) {
            added.put("causationId", trace != null ? trace : event.getIdentifier());
        }
        return added.isEmpty() ? metaData : metaData.mergedWith(added);
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
        return snapshot == null ? Stream.empty() : Stream.of(new StoredEventData.Domain(snapshot, null));
    }

    // ------------------------------------------------------------------------------------------------ aggregates

    /**
     * Point reads by the unique key, seq = first, first + 1, ... until one is missing or invisible. When an event's
     * commit continues past it, the following events of the same aggregate are read ahead (they are needed next
     * anyway) until the commit's last event shows up; only a commit that spans other aggregates costs one extra
     * read by {@code _id}.
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
                hashes.put(identifier, next, document.getString(EventFields.HASH).getValue(),
                        document.getNumber(EventFields.ID).longValue());
                next++;
                action.accept(new StoredEventData.Domain(document, null));
                return true;
            }

            private boolean isVisible(BsonDocument document) {
                long position = document.getInt64(EventFields.ID).getValue();
                long commitLast = document.getNumber(EventFields.COMMIT_LAST).longValue();
                if (commitLast == position || completeCommits.contains(commitLast)) {
                    return true;
                }
                BsonDocument last = ahead.isEmpty() ? document : ahead.peekLast();
                while (last.getNumber(EventFields.COMMIT_LAST).longValue() == commitLast
                        && last.getInt64(EventFields.ID).getValue() != commitLast) {
                    BsonDocument following = events.find(byKey(identifier,
                            last.getNumber(EventFields.SEQ).longValue() + 1)).first();
                    if (following == null) {
                        break;
                    }
                    ahead.add(following);
                    last = following;
                }
                if (last.getInt64(EventFields.ID).getValue() == commitLast) {
                    completeCommits.add(commitLast);
                    return true;
                }
                return isCommitComplete(commitLast);
            }
        };
        return StreamSupport.stream(spliterator, false);
    }

    /** The event at (aggregateId, seq) if it exists and its commit is complete. */
    private BsonDocument readVisible(String aggregateId, long seq) {
        BsonDocument document = events.find(byKey(aggregateId, seq)).first();
        if (document == null) {
            return null;
        }
        return isCommitComplete(document.getNumber(EventFields.COMMIT_LAST).longValue()) ? document : null;
    }

    private boolean isCommitComplete(long commitLast) {
        if (completeCommits.contains(commitLast)) {
            return true;
        }
        boolean complete = events.find(Filters.eq(EventFields.ID, commitLast))
                .projection(Projections.include(EventFields.ID)).first() != null;
        if (complete) {
            completeCommits.add(commitLast);
        }
        return complete;
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

    /**
     * Streams batch after batch. While the consumer handles one batch, the next one is already being fetched on a
     * background thread (its window and gaps follow from the last token of the current batch, which is known as
     * soon as the batch is read), so database round trips overlap with event handling.
     */
    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        GapAwareTrackingToken start = toGapAware(trackingToken);
        BatchSpliterator spliterator = new BatchSpliterator(start);
        return StreamSupport.stream(spliterator, false).onClose(spliterator::close);
    }

    private final class BatchSpliterator extends Spliterators.AbstractSpliterator<StoredEventData> {
        private final GapAwareTrackingToken start;
        private java.util.Iterator<StoredEventData> batch = java.util.Collections.emptyIterator();
        private java.util.concurrent.CompletableFuture<List<StoredEventData>> prefetched;
        private boolean started;
        private boolean done;

        BatchSpliterator(GapAwareTrackingToken start) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.start = start;
        }

        @Override
        public boolean tryAdvance(Consumer<? super StoredEventData> action) {
            if (!batch.hasNext()) {
                if (done) {
                    return false;
                }
                List<StoredEventData> next = nextBatch();
                if (next.isEmpty()) {
                    done = true;
                    return false;
                }
                GapAwareTrackingToken last = (GapAwareTrackingToken) next.get(next.size() - 1).trackingToken();
                prefetched = java.util.concurrent.CompletableFuture.supplyAsync(() -> fetchBatch(last), PREFETCHER);
                batch = next.iterator();
            }
            action.accept(batch.next());
            return true;
        }

        private List<StoredEventData> nextBatch() {
            if (!started) {
                started = true;
                return fetchBatch(start);
            }
            try {
                return prefetched.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
            }
        }

        void close() {
            done = true;
            if (prefetched != null) {
                prefetched.cancel(false);
            }
        }
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

    /**
     * One batch of visible events after {@code token}: its gaps plus the next {@code batchSize} positions, in
     * position order, each carrying its own token. Empty when nothing new is visible.
     */
    List<StoredEventData> fetchBatch(GapAwareTrackingToken token) {
        long windowStart = token.getIndex() + 1;
        Long counterValue = null;
        for (int attempt = 0; ; attempt++) {
            long windowEnd = windowStart + settings.batchSize() - 1;
            List<StoredEventData> found = fetchWindow(token, windowStart, windowEnd);
            if (!found.isEmpty() || attempt >= 100) {
                return found;
            }
            // nothing visible in this window: skip windows of positions that were reserved but never written
            if (counterValue == null) {
                counterValue = currentCounter();
            }
            if (counterValue <= windowEnd) {
                return found;
            }
            windowStart = windowEnd + 1;
            token = withExpiredGapsRemoved(token, Map.of());
        }
    }

    private List<StoredEventData> fetchWindow(GapAwareTrackingToken token, long windowStart, long windowEnd) {
        SortedGaps gaps = new SortedGaps(token.getGaps());
        List<Long> ids = new ArrayList<>(gaps.size() * 2 + settings.batchSize());
        ids.addAll(gaps.positions());
        ids.addAll(gaps.successorsOfRuns(token.getIndex()));
        for (long position = windowStart; position <= windowEnd; position++) {
            ids.add(position);
        }
        Map<Long, BsonDocument> fetched = new HashMap<>(ids.size() * 2);
        // mongo-java-server checks each returned document against the whole $in list, so a query's cost grows with
        // the square of its list: many gaps are fetched in several queries of at most batchSize positions
        for (int from = 0; from < ids.size(); from += settings.batchSize()) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + settings.batchSize()));
            for (BsonDocument document : events.find(Filters.in(EventFields.ID, chunk)).batchSize(chunk.size())) {
                fetched.put(document.getInt64(EventFields.ID).getValue(), document);
            }
        }
        Set<Long> visible = visiblePositions(fetched);
        GapAwareTrackingToken current = withExpiredGapsRemoved(token, visibleOnly(fetched, visible));
        TreeSet<Long> deliver = new TreeSet<>();
        for (Long gap : gaps.positions()) {
            if (visible.contains(gap)) {
                deliver.add(gap);
            }
        }
        for (long position = windowStart; position <= windowEnd; position++) {
            if (visible.contains(position)) {
                deliver.add(position);
            }
        }
        List<StoredEventData> result = new ArrayList<>(deliver.size());
        for (Long position : deliver) {
            if (position <= current.getIndex() && !current.getGaps().contains(position)) {
                continue; // a gap that expired in the meantime and was just filled: it was given up on
            }
            current = current.advanceTo(position, settings.maxGapOffset());
            result.add(StoredEventData.of(fetched.get(position), current));
        }
        return result;
    }

    private Map<Long, BsonDocument> visibleOnly(Map<Long, BsonDocument> fetched, Set<Long> visible) {
        Map<Long, BsonDocument> result = new HashMap<>(visible.size() * 2);
        for (Long position : visible) {
            result.put(position, fetched.get(position));
        }
        return result;
    }

    /** Positions among {@code fetched} whose commit is complete (its commitLast document exists). */
    private Set<Long> visiblePositions(Map<Long, BsonDocument> fetched) {
        Set<Long> unknown = new HashSet<>();
        for (BsonDocument document : fetched.values()) {
            long commitLast = document.getNumber(EventFields.COMMIT_LAST).longValue();
            if (!fetched.containsKey(commitLast) && !completeCommits.contains(commitLast)) {
                unknown.add(commitLast);
            }
        }
        Set<Long> existing = new HashSet<>();
        if (!unknown.isEmpty()) {
            for (BsonDocument document : events.find(Filters.in(EventFields.ID, new ArrayList<>(unknown)))
                    .projection(Projections.include(EventFields.ID))) {
                long position = document.getInt64(EventFields.ID).getValue();
                existing.add(position);
                completeCommits.add(position);
            }
        }
        Set<Long> visible = new HashSet<>(fetched.size() * 2);
        for (Map.Entry<Long, BsonDocument> entry : fetched.entrySet()) {
            long commitLast = entry.getValue().getNumber(EventFields.COMMIT_LAST).longValue();
            if (fetched.containsKey(commitLast) || existing.contains(commitLast)
                    || completeCommits.contains(commitLast)) {
                visible.add(entry.getKey());
            }
        }
        return visible;
    }

    /**
     * Drops gaps that have been waited for longer than the gap timeout: a gap run is given up when the first
     * visible event after it is older than the timeout (the gap's position was reserved before that event was
     * written, so its writer has had at least that long).
     */
    private GapAwareTrackingToken withExpiredGapsRemoved(GapAwareTrackingToken token, Map<Long, BsonDocument> visible) {
        if (token.getGaps().isEmpty()) {
            return token;
        }
        long deadline = clock.millis() - settings.gapTimeout().toMillis();
        Set<Long> remaining = new TreeSet<>(token.getGaps());
        boolean changed = false;
        for (List<Long> run : new SortedGaps(token.getGaps()).runs()) {
            long successor = run.get(run.size() - 1) + 1;
            BsonDocument after = visible.get(successor);
            if (after != null && after.getDateTime(EventFields.TIMESTAMP).getValue() < deadline) {
                boolean anyFilled = false;
                for (Long gap : run) {
                    anyFilled |= visible.containsKey(gap);
                }
                if (!anyFilled) {
                    remaining.removeAll(run);
                    changed = true;
                }
            }
        }
        return changed ? GapAwareTrackingToken.newInstance(token.getIndex(), remaining) : token;
    }

    private long currentCounter() {
        BsonDocument counter = counters.find(Filters.eq(EventFields.ID, COUNTER_ID)).first();
        return counter == null ? 0 : counter.getNumber(EventFields.VALUE).longValue();
    }

    @Override
    public TrackingToken createTailToken() {
        return GapAwareTrackingToken.newInstance(0, List.of());
    }

    /**
     * The current head: the highest visible position near the counter, with the not yet visible positions below
     * it as gaps (positions above it are read by the next window anyway).
     */
    @Override
    public TrackingToken createHeadToken() {
        long head = currentCounter();
        if (head == 0) {
            return createTailToken();
        }
        long low = Math.max(1, head - settings.batchSize() + 1);
        Map<Long, BsonDocument> fetched = new HashMap<>();
        for (BsonDocument document : events.find(Filters.in(EventFields.ID, range(low, head)))) {
            fetched.put(document.getInt64(EventFields.ID).getValue(), document);
        }
        Set<Long> visible = visiblePositions(fetched);
        if (visible.isEmpty()) {
            return GapAwareTrackingToken.newInstance(low - 1, List.of());
        }
        long index = java.util.Collections.max(visible);
        List<Long> gaps = new ArrayList<>();
        for (long position = low; position < index; position++) {
            if (!visible.contains(position)) {
                gaps.add(position);
            }
        }
        return GapAwareTrackingToken.newInstance(index, gaps);
    }

    /**
     * A token just before the first event at or after {@code dateTime}. Approximate: it binary-searches positions
     * by the events' timestamps (creation times, which follow position order up to the commit latency), using
     * point reads only.
     */
    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        long low = 1;
        long high = currentCounter();
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

    /** Gap positions in order, grouped into runs of consecutive positions. */
    private static final class SortedGaps {
        private final List<Long> positions;

        SortedGaps(Collection<Long> gaps) {
            this.positions = new ArrayList<>(new TreeSet<>(gaps));
        }

        int size() {
            return positions.size();
        }

        List<Long> positions() {
            return positions;
        }

        List<List<Long>> runs() {
            List<List<Long>> runs = new ArrayList<>();
            List<Long> run = null;
            for (Long position : positions) {
                if (run == null || run.get(run.size() - 1) + 1 != position) {
                    run = new ArrayList<>();
                    runs.add(run);
                }
                run.add(position);
            }
            return runs;
        }

        /** The position after each run (an event that is visible, since the token saw it), up to the index. */
        List<Long> successorsOfRuns(long index) {
            List<Long> successors = new ArrayList<>();
            for (List<Long> run : runs()) {
                long successor = run.get(run.size() - 1) + 1;
                if (successor <= index) {
                    successors.add(successor);
                }
            }
            return successors;
        }
    }

    /** Latest known (seq, hash) per aggregate, least recently used evicted. */
    private static final class LatestHashCache {
        private final BoundedMap<String, Object[]> entries;

        LatestHashCache(int size) {
            this.entries = new BoundedMap<>(size);
        }

        Predecessor get(String aggregateId, long seq) {
            Object[] entry;
            synchronized (entries) {
                entry = entries.get(aggregateId);
            }
            return entry != null && (Long) entry[0] == seq ? (Predecessor) entry[1] : null;
        }

        void put(String aggregateId, long seq, String hash, long position) {
            synchronized (entries) {
                Object[] existing = entries.get(aggregateId);
                if (existing == null || (Long) existing[0] <= seq) {
                    entries.put(aggregateId, new Object[]{seq, new Predecessor(hash, position)});
                }
            }
        }
    }

    /** A small synchronized LRU map. */
    private static final class BoundedMap<K, V> extends LinkedHashMap<K, V> {
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

    /** Builder; database and serializers are required. */
    public static class Builder extends AbstractEventStorageEngine.Builder {
        private MongoDatabase database;
        private EventStoreSettings settings = EventStoreSettings.defaults();
        private Clock clock = Clock.systemUTC();

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
