package dev.kehu.query.projection;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
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

    ViewBatch(MongoDatabase database) {
        this.database = database;
    }

    Document load(String collection, Object id) {
        Entry entry = collections.computeIfAbsent(collection, c -> new LinkedHashMap<>())
                .computeIfAbsent(id, key -> new Entry(
                        database.getCollection(collection).find(Filters.eq("_id", key)).first()));
        return entry.document;
    }

    /**
     * Reads the documents of {@code ids} that exist with one {@code _id $in} query (indexed on
     * MongoDB and on the embedded server) and remembers which do not.
     */
    void prefetch(String collection, java.util.Collection<?> ids) {
        Map<Object, Entry> cached = collections.computeIfAbsent(collection, c -> new LinkedHashMap<>());
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

    void put(String collection, Object id, Document document) {
        Entry entry = collections.get(collection).get(id);
        entry.document = document;
        entry.dirty = true;
    }

    void saw(long position) {
        lastPosition = Math.max(lastPosition, position);
    }

    long lastPosition() {
        return lastPosition;
    }

    /** Writes every changed document back; returns how many were written. */
    int flush() {
        int written = 0;
        for (Map.Entry<String, Map<Object, Entry>> collection : collections.entrySet()) {
            List<WriteModel<Document>> writes = new ArrayList<>();
            for (Map.Entry<Object, Entry> entry : collection.getValue().entrySet()) {
                if (entry.getValue().dirty) {
                    writes.add(new ReplaceOneModel<>(Filters.eq("_id", entry.getKey()), entry.getValue().document, UPSERT));
                    entry.getValue().dirty = false;
                }
            }
            if (!writes.isEmpty()) {
                database.getCollection(collection.getKey()).bulkWrite(writes, new BulkWriteOptions().ordered(true));
                written += writes.size();
            }
        }
        return written;
    }

    private static final class Entry {
        private Document document;
        private boolean dirty;

        private Entry(Document document) {
            this.document = document;
        }
    }
}
