package dev.kehu.query.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The events the read side skipped (until dead letters exist): each is logged at ERROR with its
 * processing group, event type, position, aggregate id and cause, counted, and recorded in the
 * MongoDB collection {@value #COLLECTION} ({@code _id} = group, position and document), so the count
 * survives restarts and an operator can list what was skipped. Recording is idempotent: a batch
 * retried after a failed write records the same skip again without counting it twice.
 * <p>
 * If the record cannot be written (MongoDB down), the failure propagates and the processor retries
 * the batch: a skip is never lost silently.
 */
public class SkippedEvents {

    public static final String COLLECTION = "projection_skipped_events";
    private static final Logger LOG = LoggerFactory.getLogger(SkippedEvents.class);
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoCollection<Document> collection;
    private final Clock clock;
    private final Map<String, AtomicLong> counted = new ConcurrentHashMap<>();
    private final Map<String, Boolean> seen = new ConcurrentHashMap<>();

    /** Records in {@code database}; null keeps the record in memory only (tests without MongoDB). */
    public SkippedEvents(MongoDatabase database, Clock clock) {
        this.collection = database == null ? null : database.getCollection(COLLECTION);
        this.clock = clock;
    }

    /** Counts and logs only, in this JVM. */
    public static SkippedEvents inMemory() {
        return new SkippedEvents(null, Clock.systemUTC());
    }

    public Clock clock() {
        return clock;
    }

    /** Logs, records and counts one skipped event. */
    public void record(SkippedEvent skip) {
        LOG.error("Projection {} SKIPPED event {} at position {} of aggregate {} (event id {}{}) because of its content: {}",
                skip.processingGroup(), skip.eventType(), skip.position(), skip.aggregateId(), skip.eventId(),
                skip.document() == null ? "" : ", document " + skip.document(), skip.cause());
        String id = skip.processingGroup() + "@" + skip.position() + (skip.document() == null ? "" : "/" + skip.document())
                + (skip.position() == null ? "#" + skip.eventId() : "");
        if (collection != null) {
            collection.replaceOne(Filters.eq("_id", id), new Document("_id", id)
                    .append("processingGroup", skip.processingGroup())
                    .append("eventType", skip.eventType())
                    .append("position", skip.position())
                    .append("aggregateId", skip.aggregateId())
                    .append("eventId", skip.eventId())
                    .append("document", skip.document())
                    .append("cause", skip.cause())
                    .append("at", Date.from(skip.at())), UPSERT);
        }
        // the ids remembered only keep a retried batch from counting twice: bounded, a flood of skips must not fill the heap
        if (seen.size() > 100_000) {
            seen.clear();
        }
        if (seen.putIfAbsent(id, Boolean.TRUE) == null) {
            counted.computeIfAbsent(skip.processingGroup(), g -> new AtomicLong()).incrementAndGet();
        }
    }

    /** Records the events that changed a document the store refused ({@code document}: where it was to go). */
    public static void recordRejected(SkippedEvents skipped, String processingGroup, String document,
                                      java.util.List<SkippedEvent.Origin> origins, String cause) {
        for (SkippedEvent.Origin origin : origins.isEmpty() ? java.util.List.of(SkippedEvent.Origin.UNKNOWN) : origins) {
            skipped.record(SkippedEvent.of(processingGroup, origin, document, cause, skipped.clock().instant()));
        }
    }

    /** How many events {@code processingGroup} skipped (recorded ones when MongoDB records them). */
    public long count(String processingGroup) {
        if (collection != null) {
            try {
                return collection.countDocuments(Filters.eq("processingGroup", processingGroup));
            } catch (RuntimeException e) {
                // MongoDB unreachable: what this JVM counted is the best answer the status can give
            }
        }
        AtomicLong count = counted.get(processingGroup);
        return count == null ? 0 : count.get();
    }
}
