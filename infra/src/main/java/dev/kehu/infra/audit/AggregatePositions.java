package dev.kehu.infra.audit;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import dev.kehu.infra.eventstore.EventFields;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an aggregate's events stand in the log: the position of each sequence number, remembered by {@link AuditLog}
 * once it has read them by the unique key, so that the next reading of a long history fetches its events with a few
 * {@code _id $in} queries instead of one point read per event (on the embedded server a point read by the compound
 * key costs about as much as fetching dozens of documents by {@code _id} in one query).
 *
 * <p>Stored in {@code auditPositions}: per aggregate and block of {@value #BLOCK} sequence numbers one document,
 * {@code _id = "<aggregateId>#<block>"}, whose {@code positions} are those of sequence numbers {@code block × BLOCK},
 * {@code block × BLOCK + 1}, … as far as they were read (a block grows with its aggregate). Only visible events are
 * remembered, and a visible event keeps its position. It is a cache, never the truth: the reader checks that each
 * document it fetches by a remembered position is still the aggregate's event with that sequence number, and reads
 * by the unique key otherwise, so a history shows exactly what reads by key show; dropping the collection costs only
 * speed.
 */
final class AggregatePositions {

    /** Sequence numbers per stored document. */
    static final int BLOCK = 1000;
    /** Blocks read per query. */
    private static final int BLOCKS_PER_READ = 16;

    private final MongoCollection<BsonDocument> blocks;

    AggregatePositions(MongoDatabase database, String collectionPrefix) {
        this.blocks = database.getCollection(collectionPrefix + "auditPositions", BsonDocument.class);
    }

    /**
     * The remembered positions of sequence numbers {@code fromSeq}, {@code fromSeq + 1}, … as far as they run
     * without a gap, and at most {@code max} of them (at least the blocks holding those are read).
     */
    long[] from(String aggregateId, long fromSeq, long max) {
        List<Long> positions = new ArrayList<>();
        long block = fromSeq / BLOCK;
        long offset = fromSeq % BLOCK;
        while (positions.size() < max) {
            long needed = (offset + Math.min(max - positions.size(), (long) BLOCK * BLOCKS_PER_READ) + BLOCK - 1) / BLOCK;
            long to = block + Math.min(BLOCKS_PER_READ, needed);
            Map<Long, BsonArray> read = read(aggregateId, block, to);
            for (long b = block; b < to; b++) {
                BsonArray stored = read.get(b);
                int size = stored == null ? 0 : stored.size();
                for (long i = offset; i < size && positions.size() < max; i++) {
                    positions.add(stored.get((int) i).asNumber().longValue());
                }
                offset = 0;
                if (size < BLOCK || positions.size() >= max) {
                    return positions.stream().mapToLong(Long::longValue).toArray();
                }
            }
            block = to;
        }
        return positions.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Remembers {@code positions} as those of sequence numbers {@code fromSeq} on ({@code fromSeq} must start a
     * block, so each block is written whole from its start); only the blocks holding sequence numbers from
     * {@code fromSeq + alreadyStored} on are written. A block stored longer meanwhile (another reader) is kept.
     */
    void remember(String aggregateId, long fromSeq, List<Long> positions, int alreadyStored) {
        if (fromSeq % BLOCK != 0) {
            throw new IllegalArgumentException("remembered positions start a block, not at " + fromSeq);
        }
        for (int start = alreadyStored / BLOCK * BLOCK; start < positions.size(); start += BLOCK) {
            int end = Math.min(positions.size(), start + BLOCK);
            BsonArray array = new BsonArray(new ArrayList<>(end - start));
            for (int i = start; i < end; i++) {
                array.add(new BsonInt64(positions.get(i)));
            }
            BsonString id = new BsonString(id(aggregateId, (fromSeq + start) / BLOCK));
            BsonDocument document = new BsonDocument(EventFields.ID, id).append("count", new BsonInt32(array.size()))
                    .append("positions", array);
            try {
                blocks.replaceOne(new BsonDocument(EventFields.ID, id).append("count",
                        new BsonDocument("$lt", new BsonInt32(array.size()))), document, new ReplaceOptions().upsert(true));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                // the block is stored as long or longer already: keep it
            }
        }
    }

    /** The stored positions of blocks [from, to) of the aggregate, by block. */
    private Map<Long, BsonArray> read(String aggregateId, long from, long to) {
        BsonArray ids = new BsonArray();
        for (long block = from; block < to; block++) {
            ids.add(new BsonString(id(aggregateId, block)));
        }
        Map<Long, BsonArray> read = new HashMap<>();
        for (BsonDocument document : blocks.find(new BsonDocument(EventFields.ID, new BsonDocument("$in", ids)))
                .projection(new BsonDocument("positions", new BsonInt32(1)))) {
            String id = document.getString(EventFields.ID).getValue();
            BsonValue positions = document.get("positions");
            if (positions != null && positions.isArray()) {
                read.put(Long.parseLong(id.substring(id.lastIndexOf('#') + 1)), positions.asArray());
            }
        }
        return read;
    }

    static String id(String aggregateId, long block) {
        return aggregateId + "#" + block;
    }
}
