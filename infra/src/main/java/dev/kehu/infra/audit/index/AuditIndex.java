package dev.kehu.infra.audit.index;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import dev.kehu.infra.eventstore.EventFields;
import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The actor and correlation indexes, in the collection {@code auditIndex}, reached by {@code _id} only: per key
 * (an actor, a correlation id) a head document {@code _id = "<kind>:<key>"} holding how many entries there are,
 * and bucket documents {@code _id = "<kind>:<key>#<n>"} of up to {@value #BUCKET} entries each, in log order. A page
 * reads the head and one or two buckets; a time filter finds its first bucket by bisecting over buckets; so its
 * cost depends on the page and the key's own entries, never on the size of the log.
 *
 * <p>Written in batches by {@link AuditIndexProjection} in log order. A batch retried after a crash may append
 * entries again; readers drop an entry whose position is not above the last one they returned.
 */
public class AuditIndex {

    public static final int BUCKET = 100;
    public static final String ACTOR = "actor";
    public static final String CORRELATION = "correlation";

    private final MongoCollection<BsonDocument> index;

    public AuditIndex(MongoDatabase database, String collectionPrefix) {
        this.index = database.getCollection(collectionPrefix + "auditIndex", BsonDocument.class);
    }

    /** A page of entries and the cursor of the next one (null at the end of what is indexed). */
    public record Page(String key, List<IndexEntry> entries, String nextCursor, long indexedEntries) {
    }

    /** Appends a batch of entries (in log order) to the actor and correlation indexes. */
    public void append(List<IndexEntry> entries) {
        Map<String, List<IndexEntry>> byKey = new LinkedHashMap<>();
        for (IndexEntry entry : entries) {
            if (entry.actor() != null) {
                byKey.computeIfAbsent(ACTOR + ":" + entry.actor(), k -> new ArrayList<>()).add(entry);
            }
            if (entry.correlationId() != null) {
                byKey.computeIfAbsent(CORRELATION + ":" + entry.correlationId(), k -> new ArrayList<>()).add(entry);
            }
        }
        if (byKey.isEmpty()) {
            return;
        }
        Map<String, Long> counts = counts(byKey.keySet());
        List<WriteModel<BsonDocument>> writes = new ArrayList<>();
        UpdateOptions upsert = new UpdateOptions().upsert(true);
        byKey.forEach((key, keyEntries) -> {
            long count = counts.getOrDefault(key, 0L);
            Map<Long, BsonArray> buckets = new LinkedHashMap<>();
            for (IndexEntry entry : keyEntries) {
                buckets.computeIfAbsent(count / BUCKET, b -> new BsonArray()).add(toBson(entry));
                count++;
            }
            buckets.forEach((bucket, added) -> writes.add(new UpdateOneModel<>(id(key + "#" + bucket),
                    new BsonDocument("$push", new BsonDocument("entries", new BsonDocument("$each", added))),
                    upsert)));
            writes.add(new UpdateOneModel<>(id(key), new BsonDocument("$set",
                    new BsonDocument("count", new BsonInt64(count))), upsert));
        });
        index.bulkWrite(writes);
    }

    /**
     * Entries of one key from the cursor on (or from the first with a timestamp at or after {@code from}), up to
     * {@code limit}, stopping at {@code to} (exclusive).
     */
    public Page page(String kind, String key, Instant from, Instant to, String cursor, int limit) {
        String head = kind + ":" + key;
        long count = counts(List.of(head)).getOrDefault(head, 0L);
        long buckets = (count + BUCKET - 1) / BUCKET;
        long bucket = 0;
        long skipTo = -1; // entries at or below this position were returned by the previous page
        if (cursor != null) {
            bucket = Cursor.bucket(cursor);
            skipTo = Cursor.position(cursor);
        } else if (from != null) {
            bucket = firstBucketFrom(head, buckets, from);
        }
        List<IndexEntry> entries = new ArrayList<>();
        long last = skipTo;
        while (bucket < buckets) {
            long upTo = Math.min(buckets, bucket + 1 + limit / BUCKET);
            Map<Long, List<IndexEntry>> read = buckets(head, bucket, upTo);
            for (long b = bucket; b < upTo; b++) {
                for (IndexEntry entry : read.getOrDefault(b, List.of())) {
                    if (entry.position() <= last) {
                        continue; // an entry appended twice by a retried batch, or returned on the last page
                    }
                    if (from != null && entry.timestamp().isBefore(from)) {
                        continue;
                    }
                    if (to != null && !entry.timestamp().isBefore(to)) {
                        return new Page(key, entries, null, count);
                    }
                    if (entries.size() == limit) {
                        return new Page(key, entries, Cursor.of(b, last), count);
                    }
                    entries.add(entry);
                    last = entry.position();
                }
            }
            bucket = upTo;
        }
        return new Page(key, entries, null, count);
    }

    /** The first bucket that may hold an entry at or after {@code from}: bisection, log2(buckets) reads. */
    private long firstBucketFrom(String head, long buckets, Instant from) {
        long low = 0;
        long high = buckets; // the answer lies in [low, high)
        while (high - low > 1) {
            long middle = (low + high) / 2;
            List<IndexEntry> entries = buckets(head, middle, middle + 1).getOrDefault(middle, List.of());
            if (!entries.isEmpty() && !entries.get(0).timestamp().isBefore(from)) {
                high = middle;
            } else {
                low = middle;
            }
        }
        return low;
    }

    private Map<Long, List<IndexEntry>> buckets(String head, long from, long to) {
        BsonArray ids = new BsonArray();
        for (long b = from; b < to; b++) {
            ids.add(new BsonString(head + "#" + b));
        }
        Map<Long, List<IndexEntry>> read = new HashMap<>();
        for (BsonDocument document : index.find(new BsonDocument(EventFields.ID, new BsonDocument("$in", ids)))) {
            String id = document.getString(EventFields.ID).getValue();
            long b = Long.parseLong(id.substring(id.lastIndexOf('#') + 1));
            read.put(b, document.getArray("entries", new BsonArray()).stream().map(AuditIndex::fromBson).toList());
        }
        return read;
    }

    private Map<String, Long> counts(java.util.Collection<String> keys) {
        BsonArray ids = new BsonArray();
        keys.forEach(key -> ids.add(new BsonString(key)));
        Map<String, Long> counts = new HashMap<>();
        for (BsonDocument document : index.find(new BsonDocument(EventFields.ID, new BsonDocument("$in", ids)))) {
            counts.put(document.getString(EventFields.ID).getValue(), document.getNumber("count").longValue());
        }
        return counts;
    }

    private static BsonDocument id(String id) {
        return new BsonDocument(EventFields.ID, new BsonString(id));
    }

    private static BsonDocument toBson(IndexEntry entry) {
        return new BsonDocument("p", new BsonInt64(entry.position()))
                .append("at", text(entry.aggregateType())).append("a", text(entry.aggregateId()))
                .append("s", new BsonInt64(entry.seq())).append("t", text(entry.type()))
                .append("ts", new BsonDateTime(entry.timestamp().toEpochMilli()))
                .append("u", text(entry.actor())).append("c", text(entry.correlationId()));
    }

    private static IndexEntry fromBson(BsonValue value) {
        BsonDocument d = value.asDocument();
        return new IndexEntry(d.getNumber("p").longValue(), string(d, "at"), string(d, "a"),
                d.getNumber("s").longValue(), string(d, "t"), Instant.ofEpochMilli(d.getDateTime("ts").getValue()),
                string(d, "u"), string(d, "c"));
    }

    private static BsonValue text(String value) {
        return value == null ? BsonNull.VALUE : new BsonString(value);
    }

    private static String string(BsonDocument document, String key) {
        return document.isString(key) ? document.getString(key).getValue() : null;
    }

    /** Cursor text: {@code <bucket>.<last position returned>}. */
    public static final class Cursor {
        private Cursor() {
        }

        static String of(long bucket, long lastPosition) {
            return bucket + "." + lastPosition;
        }

        static long bucket(String cursor) {
            return Long.parseLong(cursor.substring(0, cursor.indexOf('.')));
        }

        static long position(String cursor) {
            return Long.parseLong(cursor.substring(cursor.indexOf('.') + 1));
        }

        public static boolean isValid(String cursor) {
            return cursor.matches("\\d{1,18}\\.-?\\d{1,18}");
        }
    }
}
