package dev.kehu.query.web;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Paging by key: a page is the {@code limit} documents after the cursor's key in the order of one unique, sortable
 * field, read as a range on that field ({@code key > cursor}, sorted by it, {@code limit + 1} documents), so its cost
 * does not depend on the collection's size the way {@link CursorPaging} (sort everything in memory) does. The field
 * must be unique (its value ends with the document's id); its unique index is created on first use of each
 * collection (a rebuilt version too), which serves the range on MongoDB.
 */
public final class KeyPaging {

    private static final Set<String> INDEXED = ConcurrentHashMap.newKeySet();

    private KeyPaging() {
    }

    public static <R> CursorPaging.Slice<R> page(MongoCollection<Document> collection, Bson filter, String keyField,
                                                 boolean descending, String cursorParameter, int limit,
                                                 Function<Document, R> row) {
        ensureIndex(collection, keyField);
        Cursor after = Cursor.decode("cursor", cursorParameter);
        List<Bson> conditions = new ArrayList<>();
        if (filter != null) {
            conditions.add(filter);
        }
        if (after != null) {
            if (!(after.key() instanceof String key)) {
                throw new InvalidQueryParameter("cursor", "is not a cursor of this sort");
            }
            conditions.add(descending ? Filters.lt(keyField, key) : Filters.gt(keyField, key));
        } else {
            conditions.add(Filters.exists(keyField));
        }
        List<Document> found = collection.find(conditions.size() == 1 ? conditions.get(0) : Filters.and(conditions))
                .sort(descending ? Sorts.descending(keyField) : Sorts.ascending(keyField))
                .limit(limit + 1).into(new ArrayList<>());
        List<R> items = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, found.size()); i++) {
            items.add(row.apply(found.get(i)));
        }
        String next = null;
        if (found.size() > limit) {
            Document last = found.get(limit - 1);
            next = new Cursor(last.getString(keyField), String.valueOf(last.get("_id"))).encode();
        }
        return new CursorPaging.Slice<>(List.copyOf(items), next);
    }

    private static void ensureIndex(MongoCollection<Document> collection, String keyField) {
        String name = collection.getNamespace().getFullName() + "/" + keyField;
        if (INDEXED.add(name)) {
            try {
                collection.createIndex(Indexes.ascending(keyField), new IndexOptions().unique(true).sparse(true));
            } catch (com.mongodb.MongoException e) {
                // the page is still right without it, only slower: say so and go on
                org.slf4j.LoggerFactory.getLogger(KeyPaging.class).warn("No unique index on {}: {}", name, e.getMessage());
            }
        }
    }
}
