package dev.kehu.query.projection;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The view documents one batch of events has read and changed. Every document is read once by
 * {@code _id}, changed in memory by each event of the batch, and written back once by {@code _id}
 * when the batch ends: the only access paths are the primary key, on a real MongoDB and on the
 * embedded server alike.
 */
final class ViewBatch {

    /**
     * Collections derived from changes of the batch's other documents (totals that sum them, sort keys that follow
     * them), by their name's end: written before the others.
     */
    static final List<String> DERIVED_SUFFIXES = List.of("_totals", "_keys");

    static boolean isDerived(String collection) {
        return DERIVED_SUFFIXES.stream().anyMatch(collection::endsWith);
    }

    private final MongoDatabase database;
    private final Map<String, Map<Object, Entry>> collections = new LinkedHashMap<>();
    private long lastPosition = -1;
    /** Collections whose every stored document this batch holds (a rebuild into empty collections): a miss is an absent document. */
    private final java.util.Set<String> holdsAll = new java.util.HashSet<>();
    private boolean encodeEagerly;

    ViewBatch(MongoDatabase database) {
        this.database = database;
    }

    Document load(String collection, Object id) {
        Entry entry = entry(collection, id);
        entry.materialize(id);
        return entry.document;
    }

    private Entry entry(String collection, Object id) {
        return collections.computeIfAbsent(collection, c -> new LinkedHashMap<>())
                .computeIfAbsent(id, key -> new Entry(holdsAll.contains(collection) ? null
                        : database.getCollection(collection).find(Filters.eq("_id", key)).first()));
    }

    /** The decoded document as this batch sees it, decoded at most once per batch; null when absent. */
    @SuppressWarnings("unchecked")
    <S> S decoded(String collection, Object id, ViewCodec<S> codec) {
        Entry entry = entry(collection, id);
        if (entry.codec == codec) {
            return (S) entry.value;
        }
        entry.materialize(id);
        if (entry.document == null) {
            return null;
        }
        entry.value = codec.decode(entry.document);
        entry.codec = codec;
        return (S) entry.value;
    }

    /** The position of the last event applied to the document as this batch holds it; -1 when absent. */
    long appliedPosition(String collection, Object id) {
        Entry entry = entry(collection, id);
        return entry.stale ? entry.applied : entry.document == null ? -1 : ViewWriter.appliedPosition(entry.document);
    }

    /**
     * Holds {@code value} as the document's next content, encoded only when the document is written or read as a
     * document. The key order is kept as a replace of the stored document by {@code codec.encode(value)} would give
     * it, event by event ({@link ViewWriter#replace}).
     */
    <S> void hold(String collection, Object id, S value, ViewCodec<S> codec, long position, SkippedEvent.Origin origin) {
        Entry entry = entry(collection, id);
        if (entry.codec != codec) {
            entry.materialize(id);
        }
        List<String> order = entry.order != null ? entry.order
                : entry.document == null ? List.of("_id") : List.copyOf(entry.document.keySet());
        List<String> keys = codec.keys(value);
        boolean keysChanged = !keys.equals(entry.lastKeys);
        if (keysChanged) {
            java.util.Set<String> next = new java.util.LinkedHashSet<>(order);
            next.retainAll(new java.util.HashSet<>(keys));
            next.addAll(keys);
            next.add("_id");
            next.add(ViewWriter.APPLIED_POSITION);
            order = List.copyOf(next);
        }
        // encoded before anything changes: a value its codec refuses fails the event's handler and leaves the entry as it was
        @SuppressWarnings("unchecked")
        Document encoded = encodeEagerly ? encode(id, value, (ViewCodec<Object>) codec, order, position) : null;
        entry.order = order;
        if (keysChanged) {
            entry.lastKeys = keys;
        }
        entry.value = value;
        entry.codec = codec;
        entry.applied = position;
        if (encoded != null) {
            entry.document = encoded;
            entry.stale = false;
        } else {
            entry.stale = true;
        }
        entry.dirty = true;
        entry.origins.add(origin);
    }

    /**
     * From now on a held value is encoded when it is held, inside the event's handler, rather than when the batch writes:
     * a value its codec cannot encode then fails the event that made it, which the group's dead-letter queue parks
     * ({@link ViewBatchInterceptor} asks for it when it retries a batch whose write met such a value).
     */
    void encodeEagerly() {
        encodeEagerly = true;
    }

    /** Marks {@code collection} as empty in the database apart from what this batch writes (a rebuild's new collection). */
    void holdsAllOf(String collection) {
        holdsAll.add(collection);
    }

    /** How many documents the batch holds. */
    int size() {
        int size = 0;
        for (Map<Object, Entry> documents : collections.values()) {
            size += documents.size();
        }
        return size;
    }

    /** Forgets every document held (after a flush); later reads go to the database again. */
    void forget() {
        collections.clear();
        holdsAll.clear();
    }

    /**
     * Reads the documents of {@code ids} that exist with one {@code _id $in} query (indexed on
     * MongoDB and on the embedded server) and remembers which do not.
     */
    void prefetch(String collection, java.util.Collection<?> ids) {
        Map<Object, Entry> cached = collections.computeIfAbsent(collection, c -> new LinkedHashMap<>());
        if (holdsAll.contains(collection)) {
            return;
        }
        List<Object> missing = new ArrayList<>();
        for (Object id : ids) {
            if (!cached.containsKey(id)) {
                missing.add(id);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Map<Object, Document> found = new java.util.HashMap<>();
        for (Document document : database.getCollection(collection).find(Filters.in("_id", missing))) {
            found.put(document.get("_id"), document);
        }
        for (Object id : missing) {
            cached.put(id, new Entry(found.get(id)));
        }
    }

    java.util.Set<String> collections() {
        return collections.keySet();
    }

    void put(String collection, Object id, Document document, SkippedEvent.Origin origin) {
        Entry entry = collections.get(collection).get(id);
        entry.document = document;
        entry.forgetValue();
        entry.dirty = true;
        entry.origins.add(origin);
    }

    /** Marks the document deleted (it must have been loaded): the next write deletes it, unless it is put again. */
    void delete(String collection, Object id, SkippedEvent.Origin origin) {
        Entry entry = collections.get(collection).get(id);
        entry.document = null;
        entry.forgetValue();
        entry.dirty = true;
        entry.origins.add(origin);
    }

    void saw(long position) {
        lastPosition = Math.max(lastPosition, position);
    }

    long lastPosition() {
        return lastPosition;
    }

    /** Writes every changed document back; returns how many were written. Any failure propagates. */
    int flush() {
        return flush(null);
    }

    /**
     * Writes every changed document back; returns how many were written. A document the server (or
     * the driver's encoder) refuses because of its content goes to {@code rejected} and the others are
     * written; infrastructure failures propagate (the batch is retried). With {@code rejected} null
     * every failure propagates.
     */
    int flush(Rejected rejected) {
        ViewWrites writes = writes();
        int written = writes.run(rejected);
        written(writes);
        return written;
    }

    /**
     * The writes of every document changed since the last call, taken now (the documents are marked written): they
     * hold what the documents are now and may run on another thread ({@link ViewWrites#run}) while this batch goes
     * on; {@link #written} then takes note of what the server refused.
     */
    ViewWrites writes() {
        ViewWrites writes = new ViewWrites(database);
        // derived collections first (*_totals, *_keys): their documents follow changes of other documents of the batch,
        // so if the write fails half-way the retried events still find those documents unchanged and redo the change
        List<Map.Entry<String, Map<Object, Entry>>> ordered = new ArrayList<>(collections.entrySet());
        ordered.sort(java.util.Comparator.comparing(collection -> !isDerived(collection.getKey())));
        for (Map.Entry<String, Map<Object, Entry>> collection : ordered) {
            boolean empty = holdsAll.contains(collection.getKey());
            for (Map.Entry<Object, Entry> item : collection.getValue().entrySet()) {
                Entry entry = item.getValue();
                if (!entry.dirty) {
                    continue;
                }
                // a document new to a collection this batch holds entirely (a rebuild) cannot exist yet: a plain insert
                boolean insert = entry.neverStored && empty;
                List<SkippedEvent.Origin> origins = List.copyOf(entry.origins);
                if (!entry.stale && entry.document == null) {
                    // deleted: a delete by _id, unless the document was never stored
                    if (!entry.neverStored) {
                        writes.add(collection.getKey(), item.getKey(), false, origins, () -> null);
                    }
                } else if (entry.stale) {
                    writes.add(collection.getKey(), item.getKey(), insert, origins, encoder(item.getKey(), entry));
                } else {
                    Document document = entry.document;
                    writes.add(collection.getKey(), item.getKey(), insert, origins, () -> document);
                }
                entry.dirty = false;
                entry.neverStored = false;
                entry.origins.clear();
            }
        }
        return writes;
    }

    /** After {@code writes} ran: a refused document not changed since is read again if a later batch needs it. */
    void written(ViewWrites writes) {
        for (ViewWrites.Refused refused : writes.refused()) {
            Entry entry = collections.get(refused.collection()).get(refused.id());
            if (entry != null && !entry.dirty) {
                // the batch's copy is not what the collection holds
                collections.get(refused.collection()).put(refused.id(), new Entry(database.getCollection(refused.collection())
                        .find(Filters.eq("_id", refused.id())).first()));
            }
        }
    }

    /** The document of a held value as it is now (immutable value, key order and position), to encode on any thread. */
    private static java.util.function.Supplier<Document> encoder(Object id, Entry entry) {
        Object value = entry.value;
        @SuppressWarnings("unchecked") ViewCodec<Object> codec = (ViewCodec<Object>) entry.codec;
        List<String> order = entry.order;
        long applied = entry.applied;
        return () -> encode(id, value, codec, order, applied);
    }

    private static Document encode(Object id, Object value, ViewCodec<Object> codec, List<String> order, long applied) {
        Document with = codec.encode(value);
        if (with.size() != order.size() || !with.keySet().containsAll(order)) {
            throw new IllegalStateException("ViewCodec.keys lists " + order + " but encode gives " + with.keySet());
        }
        Document document = new Document(new LinkedHashMap<>(order.size() * 2));
        for (String key : order) {
            document.put(key, with.get(key));
        }
        document.put("_id", id);
        document.put(ViewWriter.APPLIED_POSITION, applied);
        return document;
    }

    /** Receives a view document the server refused, with the events that changed it in this batch. */
    interface Rejected {
        void rejected(String collection, Object id, List<SkippedEvent.Origin> origins, RuntimeException cause);

        /** A held value its codec could not encode; by default refused like a document the server refused. */
        default void unencodable(String collection, Object id, List<SkippedEvent.Origin> origins, RuntimeException cause) {
            rejected(collection, id, origins, cause);
        }
    }

    private static final class Entry {
        private Document document;
        private boolean dirty;
        /** Absent when read and not written since. */
        private boolean neverStored;
        private final List<SkippedEvent.Origin> origins = new ArrayList<>(1);
        /** The decoded document ({@link #decoded}, {@link #hold}) and its codec; null when not decoded. */
        private Object value;
        private ViewCodec<?> codec;
        /** {@link #value} is newer than {@link #document}: the document is encoded when needed. */
        private boolean stale;
        /** The position {@link #value} was held at. */
        private long applied;
        /** The key order of the document to write, and the keys of the value last held (to see when they change). */
        private List<String> order;
        private List<String> lastKeys;

        private Entry(Document document) {
            this.document = document;
            this.neverStored = document == null;
        }

        /** Encodes a held value into {@link #document} (on the batch's thread). */
        @SuppressWarnings("unchecked")
        private void materialize(Object id) {
            if (stale) {
                document = encode(id, value, (ViewCodec<Object>) codec, order, applied);
                stale = false;
            }
        }

        private void forgetValue() {
            value = null;
            codec = null;
            stale = false;
            order = null;
            lastKeys = null;
        }
    }
}
