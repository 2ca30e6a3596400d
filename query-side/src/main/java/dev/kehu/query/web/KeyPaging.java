package dev.kehu.query.web;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Paging by key: a page is the {@code limit} documents after the cursor in one order, read as an {@code _id} range of
 * a sort-key collection (documents whose {@code _id} is {@link SortKeys#key}, written by the projection, carrying the
 * row and the fields the list filters on), {@code limit + 1} of them. The range walks the primary index on MongoDB
 * and on the embedded server, so the cost does not grow with the collection the way {@link CursorPaging} (sort
 * everything in memory) does; a filter is matched during the walk, so a page costs the documents up to its
 * {@code limit + 1}-th match.
 */
public final class KeyPaging {

    private KeyPaging() {
    }

    /**
     * The paging part of a list request read by key: the order (one of the list's sorts, checked), the cursor, the
     * page size (checked) and the filter, built one equality per parameter given ({@link #where}), one top-level entry
     * per field, as {@link #page} needs. Parameters are checked as they are given, so a bad one answers 400 before
     * anything is read.
     */
    public record Request(String order, String cursor, int limit, Document filter) {

        public static Request of(String sort, List<String> sorts, String defaultSort, String cursor, Integer limit) {
            return new Request(QueryParameters.oneOf("sort", sort, sorts, defaultSort), cursor, CursorPaging.limit(limit), new Document());
        }

        /** Adds {@code field = value} to the filter when the parameter was given (not null). */
        public Request where(String field, Object value) {
            if (value != null) {
                filter.put(field, value);
            }
            return this;
        }

        /** One page of {@code keys} in this request's order. */
        public <R> CursorPaging.Slice<R> page(MongoCollection<Document> keys, Function<Document, R> row) {
            return KeyPaging.page(keys, order, filter, cursor, limit, row);
        }
    }

    /**
     * {@code filter}: conditions on the key documents' fields, one top-level entry per field (never {@code $and}), so
     * the embedded server still sees the {@code _id} range of the query (it reads only a top-level {@code _id}).
     */
    public static <R> CursorPaging.Slice<R> page(MongoCollection<Document> keys, String order, Document filter,
                                                 String cursorParameter, int limit, Function<Document, R> row) {
        Cursor after = Cursor.decode("cursor", cursorParameter);
        Document range = new Document();
        if (after == null) {
            range.append("$gte", SortKeys.start(order));
        } else {
            if (!(after.key() instanceof String key) || !key.startsWith(SortKeys.start(order))) {
                throw new InvalidQueryParameter("cursor", "is not a cursor of this sort");
            }
            range.append("$gt", key);
        }
        range.append("$lt", SortKeys.end(order));
        Document query = new Document("_id", range);
        if (filter != null) {
            filter.forEach((field, condition) -> {
                if (!"_id".equals(field)) {
                    query.append(field, condition);
                }
            });
        }
        List<Document> found = keys.find(query).sort(Sorts.ascending("_id")).limit(limit + 1).into(new ArrayList<>());
        List<R> items = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, found.size()); i++) {
            items.add(row.apply(found.get(i)));
        }
        String next = null;
        if (found.size() > limit) {
            Document last = found.get(limit - 1);
            next = new Cursor(last.getString("_id"), last.getString("id")).encode();
        }
        return new CursorPaging.Slice<>(List.copyOf(items), next);
    }
}
