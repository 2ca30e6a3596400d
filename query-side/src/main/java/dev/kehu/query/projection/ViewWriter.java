package dev.kehu.query.projection;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How projections change their view documents, idempotently. Every view document carries
 * {@code appliedPosition}, the global position of the last event applied to it; an event at or
 * below that position changes nothing, so replays and redeliveries leave views as they are.
 * <p>
 * Inside an Axon unit of work (a tracking processor's batch) documents are read once by
 * {@code _id}, changed in memory and written back by {@code _id} at the end of the batch by
 * {@link ViewBatchInterceptor}, before the processor stores its token. Outside a unit of work
 * each change is written at once.
 * <p>
 * Rule for projections: one change per document per event (do everything an event means for a
 * document in one {@code change}), and never delete view documents (mark them instead); only derived sort-key
 * documents that move are deleted ({@link #delete}).
 */
public class ViewWriter {

    public static final String APPLIED_POSITION = "appliedPosition";
    static final String BATCH_RESOURCE = "kehu.viewBatch";

    private final MongoDatabase database;

    public ViewWriter(MongoDatabase database) {
        this.database = database;
    }

    /** Drops a projection's collections (its {@code @ResetHandler}: a replay rebuilds them from the log). */
    public void drop(String... collections) {
        for (String collection : collections) {
            database.getCollection(collection).drop();
        }
    }

    public MongoDatabase database() {
        return database;
    }

    /** Changes the document if it exists and has not seen this event yet; returns whether it changed. */
    public boolean update(String collection, Object id, TrackingToken token, Consumer<Document> change) {
        return apply(collection, id, token, change, false);
    }

    /** Like {@link #update}, creating {@code {_id: id}} first when the document does not exist. */
    public boolean upsert(String collection, Object id, TrackingToken token, Consumer<Document> change) {
        return apply(collection, id, token, change, true);
    }

    /**
     * Deletes the document if it exists and has not seen this event yet; returns whether it did. Only for documents
     * derived from others (sort keys that move, in a collection named {@code *_keys}): view documents themselves are
     * never deleted (they are marked).
     */
    public boolean delete(String collection, Object id, TrackingToken token) {
        if (id == null) {
            return false;
        }
        long position = position(token);
        ViewBatch batch = batch();
        batch.saw(position);
        Document current = batch.load(collection, id);
        if (current == null || position <= appliedPosition(current)) {
            flushIfAlone(batch);
            return false;
        }
        batch.delete(collection, id, currentEvent());
        flushIfAlone(batch);
        return true;
    }

    /** The document as this batch sees it (including changes not yet written); do not modify it. */
    public Optional<Document> find(String collection, Object id) {
        if (id == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(batch().load(collection, id));
    }

    /**
     * The document decoded by {@code codec} as this batch sees it (including changes not yet written), or null when it
     * does not exist. Within a batch it is decoded once; with {@link #replace} the value stays decoded between events.
     */
    public <S> S decoded(String collection, Object id, ViewCodec<S> codec) {
        if (id == null) {
            return null;
        }
        return batch().decoded(collection, id, codec);
    }

    /**
     * Replaces the document (creating it when absent) by {@code codec.encode(next)} if it has not seen this event yet;
     * returns whether it changed. Keys the document has keep their place, new keys come after them (so the key order
     * depends only on the order of events, not on how they were batched), keys {@code next} lacks go.
     * <p>
     * Inside a batch, {@code next} is held as it is and encoded once, when the batch writes (or when the document is
     * read as a document): a projection that folds an immutable value ({@code next} is never changed afterwards) pays
     * for one decode and one encode per document and batch, not per event.
     */
    public <S> boolean replace(String collection, Object id, TrackingToken token, S next, ViewCodec<S> codec) {
        if (id == null) {
            return false;
        }
        if (!CurrentUnitOfWork.isStarted() || isDeadLetterRetry()) {
            return upsert(collection, id, token, doc -> {
                Document with = codec.encode(next);
                doc.keySet().retainAll(with.keySet());
                doc.putAll(with);
            });
        }
        long position = position(token);
        ViewBatch batch = batch();
        batch.saw(position);
        if (position <= batch.appliedPosition(collection, id)) {
            return false;
        }
        batch.hold(collection, id, next, codec, position, currentEvent());
        return true;
    }

    /**
     * Moves an entity's sort-key documents (a list's {@code *_keys} collection: {@code _id} the sort key, the fields
     * the list filters on) from the set {@code before} gave to the set {@code after} gives: a key no longer given is
     * deleted, a new or changed one written with exactly its fields.
     */
    public void moveKeys(String collection, TrackingToken token, Map<String, Document> before,
                         Map<String, Document> after) {
        for (String key : before.keySet()) {
            if (!after.containsKey(key)) {
                delete(collection, key, token);
            }
        }
        after.forEach((key, fields) -> {
            if (!fields.equals(before.get(key))) {
                upsert(collection, key, token, doc -> {
                    doc.keySet().retainAll(List.of("_id"));
                    doc.putAll(fields);
                });
            }
        });
    }

    public static long position(TrackingToken token) {
        if (token == null) {
            throw new IllegalArgumentException("projections need tracked events: the event carries no tracking token");
        }
        return token.position().orElseThrow(
                () -> new IllegalArgumentException("tracking token without a position: " + token));
    }

    private boolean apply(String collection, Object id, TrackingToken token, Consumer<Document> change, boolean create) {
        if (id == null) {
            return false;
        }
        long position = position(token);
        ViewBatch batch = batch();
        batch.saw(position);
        Document current = batch.load(collection, id);
        if (current == null && !create) {
            flushIfAlone(batch);
            return false;
        }
        long applied = current == null ? -1 : appliedPosition(current);
        boolean redelivered = position < applied && isDeadLetterRetry() && !redeliveredBefore(current, position);
        if (position <= applied && !redelivered) {
            flushIfAlone(batch);
            return false;
        }
        // The change works on a copy: if it fails half-way (a poison value), the batch keeps the
        // document as it was, and the error handler can skip the event without a half-applied change.
        Document next = current == null ? new Document("_id", id) : Docs.copy(current);
        change.accept(next);
        next.put("_id", id);
        next.put(APPLIED_POSITION, Math.max(position, applied));
        if (redelivered) {
            rememberRedelivered(next, position);
        }
        batch.put(collection, id, next, currentEvent());
        flushIfAlone(batch);
        return true;
    }

    private static SkippedEvent.Origin currentEvent() {
        return CurrentUnitOfWork.isStarted()
                ? SkippedEvent.Origin.of(CurrentUnitOfWork.get().getMessage() instanceof org.axonframework.eventhandling.EventMessage<?> event ? event : null)
                : SkippedEvent.Origin.UNKNOWN;
    }

    /**
     * A parked event being retried ({@link MongoDeadLetterQueue}) comes after later events of other
     * aggregates may have moved a document it changes past its position; it is applied to such a
     * document once: the positions of the retried events a document took are kept in
     * {@value #REDELIVERED} (the last 20), so a retry repeated after a failed eviction changes nothing.
     */
    private static boolean isDeadLetterRetry() {
        return CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().resources().containsKey(org.axonframework.messaging.deadletter.DeadLetter.class.getName());
    }

    static final String REDELIVERED = "redeliveredPositions";

    private static boolean redeliveredBefore(Document document, long position) {
        return document.getList(REDELIVERED, Long.class, java.util.List.of()).contains(position);
    }

    private static void rememberRedelivered(Document document, long position) {
        java.util.List<Long> positions = new java.util.ArrayList<>(document.getList(REDELIVERED, Long.class, java.util.List.of()));
        positions.add(position);
        document.put(REDELIVERED, new java.util.ArrayList<>(positions.subList(Math.max(0, positions.size() - 20), positions.size())));
    }

    static long appliedPosition(Document document) {
        Object applied = document.get(APPLIED_POSITION);
        return applied instanceof Number number ? number.longValue() : -1;
    }

    private ViewBatch batch() {
        if (CurrentUnitOfWork.isStarted()) {
            return batchOf(CurrentUnitOfWork.get().root());
        }
        return new ViewBatch(database);
    }

    ViewBatch batchOf(org.axonframework.messaging.unitofwork.UnitOfWork<?> root) {
        return root.getOrComputeResource(BATCH_RESOURCE, key -> new ViewBatch(database));
    }

    private void flushIfAlone(ViewBatch batch) {
        if (!CurrentUnitOfWork.isStarted()) {
            batch.flush();
        }
    }
}
