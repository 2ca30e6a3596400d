package dev.kehu.infra.embedded.store;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * A {@code find} answered with the documents' stored bytes ({@link StoredDocuments}, written by
 * {@link StoredReplyEncoder}) instead of mongo-java-server's path, which decodes every stored document into a
 * {@link Document}, matches it, and encodes it again for the reply. Taken only for what it answers exactly as the
 * stock path would: a filter an index answers, no projection, no sort but the index's own order, a result that fits
 * in one batch. Everything else (and every other command) is left to the stock path.
 */
final class StoredFind {

    /** Fields of a {@code find} this path knows; any other (projection, hint, collation, …) takes the stock path. */
    private static final Set<String> KNOWN = Set.of("find", "filter", "sort", "skip", "limit", "batchSize",
            "singleBatch", "$db", "lsid", "$readPreference", "$clusterTime", "txnNumber", "maxTimeMS", "comment");

    /** Finds answered here since the class was loaded (tests check which path a query took). */
    static final LongAdder ANSWERED = new LongAdder();

    private StoredFind() {
    }

    /** The reply to {@code command}, or null when the stock path must answer it. */
    static Document answer(MongoDatabase database, Document command) {
        if (!KNOWN.containsAll(command.keySet())
                || !(command.get("find") instanceof String name)
                || !(command.getOrDefault("filter", new Document()) instanceof Document filter)
                || !(command.get("sort") == null || command.get("sort") instanceof Document)) {
            return null;
        }
        int skip = number(command.get("skip"));
        int limit = number(command.get("limit"));
        int batchSize = number(command.get("batchSize"));
        if (skip < 0 || limit < 0 || batchSize < 0) {
            return null;
        }
        MongoCollection<?> collection = database.resolveCollection(name, false);
        if (!(collection instanceof StoreCollection store)) {
            return null;
        }
        StoredDocuments found = store.findStored(filter, (Document) command.get("sort"), skip, limit, batchSize);
        if (found == null) {
            return null;
        }
        Document cursor = new Document();
        cursor.put("id", 0L);
        cursor.put("ns", collection.getFullName());
        cursor.put("firstBatch", found);
        ANSWERED.increment();
        Document reply = new Document("cursor", cursor);
        Utils.markOkay(reply);
        return reply;
    }

    private static int number(Object value) {
        return value instanceof Number number ? number.intValue() : value == null ? 0 : -1;
    }

    /**
     * Whether every condition of {@code filter} is equality with a plain value, or {@code $in} of plain values: what
     * a unique index finds exactly by key, so the documents it finds need no matching.
     */
    static boolean plainEquality(Document filter) {
        if (filter.isEmpty()) {
            return false;
        }
        for (Object value : filter.values()) {
            if (value instanceof Document condition) {
                if (condition.size() != 1 || !(condition.get("$in") instanceof Collection<?> values)
                        || !values.stream().allMatch(StoredFind::plain)) {
                    return false;
                }
            } else if (!plain(value)) {
                return false;
            }
        }
        return true;
    }

    /** Strings, ints, longs and object ids: compared by the index exactly as a query compares them. */
    private static boolean plain(Object value) {
        return value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof ObjectId;
    }
}
