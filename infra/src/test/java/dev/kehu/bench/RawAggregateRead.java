package dev.kehu.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The raw driver read of an aggregate's first events, by the same queries {@code AuditLog} sends for a history whose
 * positions it remembers, with nothing done with the documents: the position blocks ({@code auditPositions} by
 * {@code _id $in}), the events by {@code _id $in} in windows of 500 (the first window as large as the page), two
 * windows in flight on 4 threads, and, for a whole history, the one read by the unique key that finds its end.
 */
final class RawAggregateRead {

    private static final int BLOCK = 1000;
    private static final int WINDOW = 500;

    private final MongoCollection<BsonDocument> events;
    private final MongoCollection<BsonDocument> blocks;
    private final String aggregateId;
    private final ExecutorService threads = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "raw-reader");
        thread.setDaemon(true);
        return thread;
    });

    RawAggregateRead(MongoDatabase database, String aggregateId) {
        this.events = database.getCollection("events", BsonDocument.class);
        this.blocks = database.getCollection("auditPositions", BsonDocument.class);
        this.aggregateId = aggregateId;
    }

    /** Reads the first {@code count} events; {@code whole}: they are all of them, and the end is looked for. */
    void read(int count, boolean whole) {
        List<Long> positions = positions(count);
        if (positions.size() < count) {
            throw new IllegalStateException("only " + positions.size() + " positions of " + aggregateId + " remembered");
        }
        ArrayDeque<Future<Integer>> inFlight = new ArrayDeque<>();
        int issued = 0;
        int window = Math.min(count, WINDOW);
        int found = 0;
        while (issued < count || !inFlight.isEmpty()) {
            while (inFlight.size() < 2 && issued < count) {
                List<Long> slice = positions.subList(issued, Math.min(count, issued + window));
                inFlight.add(threads.submit(() -> byPositions(slice)));
                issued += slice.size();
                window = WINDOW;
            }
            try {
                found += inFlight.remove().get();
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
        if (found != count) {
            throw new IllegalStateException("found " + found + " of " + count + " events of " + aggregateId);
        }
        if (whole) {
            events.find(new BsonDocument("aggregateId", new BsonString(aggregateId)).append("seq",
                    new BsonInt64(count))).first();
        }
    }

    private List<Long> positions(int count) {
        BsonArray ids = new BsonArray();
        for (int block = 0; block <= (count - 1) / BLOCK; block++) {
            ids.add(new BsonString(aggregateId + "#" + block));
        }
        List<BsonDocument> read = blocks.find(new BsonDocument("_id", new BsonDocument("$in", ids)))
                .into(new ArrayList<>());
        read.sort((a, b) -> Long.compare(block(a), block(b)));
        List<Long> positions = new ArrayList<>(count);
        for (BsonDocument block : read) {
            for (var position : block.getArray("positions")) {
                if (positions.size() < count) {
                    positions.add(position.asNumber().longValue());
                }
            }
        }
        return positions;
    }

    private static long block(BsonDocument document) {
        String id = document.getString("_id").getValue();
        return Long.parseLong(id.substring(id.lastIndexOf('#') + 1));
    }

    private int byPositions(List<Long> positions) {
        BsonArray ids = new BsonArray(new ArrayList<>(positions.size()));
        positions.forEach(position -> ids.add(new BsonInt64(position)));
        int found = 0;
        for (BsonDocument ignored : events.find(new BsonDocument("_id", new BsonDocument("$in", ids)))
                .batchSize(positions.size())) {
            found++;
        }
        return found;
    }
}
