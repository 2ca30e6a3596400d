package dev.kehu.query.projection;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
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

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoDatabase database;
    private final Map<String, Map<Object, Entry>> collections = new LinkedHashMap<>();
    private long lastPosition = -1;
    /** Collections whose every stored document this batch holds (a rebuild into empty collections): a miss is an absent document. */
    private final java.util.Set<String> holdsAll = new java.util.HashSet<>();

    ViewBatch(MongoDatabase database) {
        this.database = database;
    }

    Document load(String collection, Object id) {
        Entry entry = collections.computeIfAbsent(collection, c -> new LinkedHashMap<>())
                .computeIfAbsent(id, key -> new Entry(holdsAll.contains(collection) ? null
                        : database.getCollection(collection).find(Filters.eq("_id", key)).first()));
        return entry.document;
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
        int written = 0;
        for (Map.Entry<String, Map<Object, Entry>> collection : collections.entrySet()) {
            List<WriteModel<Document>> writes = new ArrayList<>();
            List<Map.Entry<Object, Entry>> entries = new ArrayList<>();
            for (Map.Entry<Object, Entry> entry : collection.getValue().entrySet()) {
                if (entry.getValue().dirty) {
                    // a document new to a collection this batch holds entirely (a rebuild) cannot exist yet: a plain insert
                    writes.add(entry.getValue().neverStored && holdsAll.contains(collection.getKey())
                            ? new InsertOneModel<>(entry.getValue().document)
                            : new ReplaceOneModel<>(Filters.eq("_id", entry.getKey()), entry.getValue().document, UPSERT));
                    entries.add(entry);
                }
            }
            if (writes.isEmpty()) {
                continue;
            }
            try {
                database.getCollection(collection.getKey()).bulkWrite(writes, new BulkWriteOptions().ordered(true));
                written += writes.size();
            } catch (RuntimeException e) {
                if (rejected == null || ProjectionFailures.isInfrastructure(e)) {
                    throw e;
                }
                written += oneByOne(collection.getKey(), writes, entries, rejected);
            }
            for (Map.Entry<Object, Entry> entry : entries) {
                entry.getValue().dirty = false;
                entry.getValue().neverStored = false;
                entry.getValue().origins.clear();
            }
        }
        return written;
    }

    /** After a bulk write refused for content: each document on its own, to find the refused ones and keep the rest. */
    private int oneByOne(String collection, List<WriteModel<Document>> writes, List<Map.Entry<Object, Entry>> entries, Rejected rejected) {
        int written = 0;
        for (int i = 0; i < writes.size(); i++) {
            Map.Entry<Object, Entry> entry = entries.get(i);
            try {
                // as a replace even where the bulk inserted: part of the bulk may have been written before it failed
                database.getCollection(collection).bulkWrite(List.of(new ReplaceOneModel<>(Filters.eq("_id", entry.getKey()),
                        entry.getValue().document, UPSERT)), new BulkWriteOptions().ordered(true));
                written++;
            } catch (RuntimeException e) {
                if (ProjectionFailures.isInfrastructure(e)) {
                    throw e;
                }
                rejected.rejected(collection, entry.getKey(), List.copyOf(entry.getValue().origins), e);
                // the batch's copy is not what the collection holds: read it again if a later batch needs it
                entry.setValue(new Entry(database.getCollection(collection).find(Filters.eq("_id", entry.getKey())).first()));
            }
        }
        return written;
    }

    /** Receives a view document the server refused, with the events that changed it in this batch. */
    interface Rejected {
        void rejected(String collection, Object id, List<SkippedEvent.Origin> origins, RuntimeException cause);
    }

    private static final class Entry {
        private Document document;
        private boolean dirty;
        /** Absent when read and not written since. */
        private boolean neverStored;
        private final List<SkippedEvent.Origin> origins = new ArrayList<>(1);

        private Entry(Document document) {
            this.document = document;
            this.neverStored = document == null;
        }
    }
}
