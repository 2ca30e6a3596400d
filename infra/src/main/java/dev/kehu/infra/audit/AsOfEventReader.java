package dev.kehu.infra.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.kehu.events.MetadataKeys;
import dev.kehu.infra.eventstore.BsonJson;
import dev.kehu.infra.eventstore.EventFields;
import dev.kehu.infra.eventstore.EventStoreSettings;
import dev.kehu.query.fold.AggregateEvents;
import dev.kehu.query.fold.FoldEvent;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * The query side's {@link AggregateEvents} on the MongoDB event store, for views as of a past moment: an aggregate's
 * events are point reads on the unique key {@code (aggregateId, seq)} (the only access path besides {@code _id}, see
 * docs/event-store.md), issued a batch at a time in parallel and deserialized on the reading threads, each with its
 * global position. Axon's {@code readEvents} would give the same payloads one read at a time and without positions,
 * which an as-of needs to merge a customer's events with its opportunities'. Events of a commit that is not complete
 * (its last document missing) or abandoned end the aggregate, as for Axon's own reads.
 */
public class AsOfEventReader implements AggregateEvents, AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AsOfEventReader.class);

    /** Point reads in flight at once while reading one aggregate. */
    private static final int AHEAD = 64;

    private final MongoCollection<BsonDocument> events;
    private final Serializer serializer;
    private final EventStorageEngine engine;
    private final CommitVisibility visibility;
    private final ExecutorService readers = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "as-of-reader");
        thread.setDaemon(true);
        return thread;
    });

    public AsOfEventReader(MongoDatabase database, EventStoreSettings settings, Serializer serializer, EventStorageEngine engine) {
        this.events = database.getCollection(settings.eventsCollection(), BsonDocument.class);
        this.visibility = new CommitVisibility(events);
        this.serializer = serializer;
        this.engine = engine;
    }

    private record Read(BsonDocument document, FoldEvent event) {
    }

    @Override
    public void read(String aggregateId, long fromSeq, Predicate<FoldEvent> consumer) {
        long next = fromSeq;
        int batch = 2; // the first read is often all a caller wants (does it exist? when did it start?)
        while (true) {
            List<CompletableFuture<Read>> reads = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                long seq = next + i;
                reads.add(CompletableFuture.supplyAsync(() -> read(aggregateId, seq), readers));
            }
            for (CompletableFuture<Read> future : reads) {
                Read read = future.join();
                if (read == null || !visibility.isVisible(read.document()) || !consumer.test(read.event())) {
                    reads.forEach(r -> r.cancel(false));
                    return;
                }
                next++;
            }
            batch = Math.min(AHEAD, batch * 4);
        }
    }

    @Override
    public long headPosition() {
        TrackingToken head = engine.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    private Read read(String aggregateId, long seq) {
        BsonDocument document = events.find(new BsonDocument(EventFields.AGGREGATE_ID, new BsonString(aggregateId))
                .append(EventFields.SEQ, new BsonInt64(seq))).first();
        if (document == null) {
            return null;
        }
        BsonValue revision = document.get(EventFields.REVISION);
        Object payload;
        try {
            payload = serializer.deserialize(new SimpleSerializedObject<>(BsonJson.toJson(document.get(EventFields.PAYLOAD)),
                    JsonNode.class, document.getString(EventFields.TYPE).getValue(),
                    revision == null || revision.isNull() || !revision.isString() ? null : revision.asString().getValue()));
        } catch (RuntimeException e) {
            // a payload no class reads any more: the live projections parked it too (dead letters); folds ignore null
            LOG.warn("As-of reader skips the payload of {} at position {}: {}", aggregateId, document.get(EventFields.ID), e.toString());
            payload = null;
        }
        BsonDocument metadata = document.isDocument(EventFields.METADATA) ? document.getDocument(EventFields.METADATA) : new BsonDocument();
        BsonValue actor = metadata.get(MetadataKeys.ACTOR);
        return new Read(document, new FoldEvent(document.getNumber(EventFields.ID).longValue(), aggregateId, seq,
                Instant.ofEpochMilli(document.getDateTime(EventFields.TIMESTAMP).getValue()),
                actor != null && actor.isString() ? actor.asString().getValue() : null, payload));
    }

    @Override
    public void close() {
        readers.shutdownNow();
    }
}
