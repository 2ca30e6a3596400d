package dev.kehu.query.projection;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
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
import java.util.function.Supplier;

/**
 * The writes of one {@link ViewBatch} flush, taken from the batch at one moment: each changed document once, by
 * {@code _id} (a document deleted in the batch as a delete), one ordered bulk write per collection. They hold only what the documents were at that moment (held
 * values are immutable and encoded here), so a rebuild can run them on another thread while it folds the next chunk.
 */
final class ViewWrites {

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoDatabase database;
    private final Map<String, List<Item>> byCollection = new LinkedHashMap<>();
    private final List<Refused> refused = new ArrayList<>();

    ViewWrites(MongoDatabase database) {
        this.database = database;
    }

    /** A document the server refused for its content. */
    record Refused(String collection, Object id) {
    }

    private record Item(Object id, boolean insert, List<SkippedEvent.Origin> origins, Supplier<Document> document) {
    }

    void add(String collection, Object id, boolean insert, List<SkippedEvent.Origin> origins, Supplier<Document> document) {
        byCollection.computeIfAbsent(collection, c -> new ArrayList<>()).add(new Item(id, insert, origins, document));
    }

    int size() {
        int size = 0;
        for (List<Item> items : byCollection.values()) {
            size += items.size();
        }
        return size;
    }

    /**
     * Writes them; answers how many were written. A document refused for its content goes to {@code rejected} (and
     * {@link #refused}) and the others are written; infrastructure failures propagate. With {@code rejected} null
     * every failure propagates.
     */
    int run(ViewBatch.Rejected rejected) {
        int written = 0;
        for (Map.Entry<String, List<Item>> collection : byCollection.entrySet()) {
            List<WriteModel<Document>> writes = new ArrayList<>(collection.getValue().size());
            List<Item> items = new ArrayList<>(collection.getValue().size());
            List<Document> documents = new ArrayList<>(collection.getValue().size());
            for (Item item : collection.getValue()) {
                Document document;
                try {
                    document = item.document().get();
                } catch (RuntimeException e) {
                    if (rejected == null) {
                        throw e;
                    }
                    rejected.unencodable(collection.getKey(), item.id(), item.origins(), e);
                    refused.add(new Refused(collection.getKey(), item.id()));
                    continue;
                }
                items.add(item);
                documents.add(document);
                writes.add(model(item, document));
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
                written += oneByOne(collection.getKey(), items, documents, rejected);
            }
        }
        return written;
    }

    /** After a bulk write refused for content: each document on its own, to find the refused ones and keep the rest. */
    private int oneByOne(String collection, List<Item> items, List<Document> documents, ViewBatch.Rejected rejected) {
        int written = 0;
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            try {
                // as a replace even where the bulk inserted: part of the bulk may have been written before it failed
                database.getCollection(collection).bulkWrite(List.of(documents.get(i) == null ? model(item, null)
                        : new ReplaceOneModel<>(Filters.eq("_id", item.id()), documents.get(i), UPSERT)), new BulkWriteOptions().ordered(true));
                written++;
            } catch (RuntimeException e) {
                if (ProjectionFailures.isInfrastructure(e)) {
                    throw e;
                }
                rejected.rejected(collection, item.id(), item.origins(), e);
                refused.add(new Refused(collection, item.id()));
            }
        }
        return written;
    }

    /** The write of one item: a delete when its document is null, an insert into an empty collection, else a replace. */
    private static WriteModel<Document> model(Item item, Document document) {
        if (document == null) {
            return new DeleteOneModel<>(Filters.eq("_id", item.id()));
        }
        return item.insert() ? new InsertOneModel<>(document) : new ReplaceOneModel<>(Filters.eq("_id", item.id()), document, UPSERT);
    }

    List<Refused> refused() {
        return refused;
    }
}
