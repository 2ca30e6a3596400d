package dev.kehu.bench.drills;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import dev.kehu.infra.eventstore.EventFields;
import org.bson.BsonDocument;

/**
 * The application's event log read directly in MongoDB (the embedded MongoDB-wire server of the running
 * application, or of an H2 file the drill opened itself), with {@code mongodb-driver-sync}: the truth the
 * drills hold the application's answers against.
 */
public final class EventLog implements AutoCloseable {

    public static final String DATABASE = "kehu";
    private static final int CHUNK = 500;

    private final MongoClient client;
    private final MongoDatabase database;
    private final MongoCollection<BsonDocument> events;

    public EventLog(int port) {
        this.client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(10, TimeUnit.SECONDS))
                .applyToSocketSettings(socket -> socket.readTimeout(60, TimeUnit.SECONDS))
                .build());
        this.database = client.getDatabase(DATABASE);
        this.events = database.getCollection("events", BsonDocument.class);
    }

    public MongoDatabase database() {
        return database;
    }

    /** The highest position in the log (0 when empty). */
    public long head() {
        BsonDocument last = events.find().sort(Sorts.descending(EventFields.ID))
                .projection(Projections.include(EventFields.ID)).first();
        return last == null ? 0 : last.getNumber(EventFields.ID).longValue();
    }

    /**
     * The head found from a known position by point reads of the next positions (the log has no holes), which
     * stays cheap however large the log is; {@code known} must be stored or 0.
     */
    public long headFrom(long known) {
        long head = known;
        while (events.find(Filters.eq(EventFields.ID, head + 1)).projection(Projections.include(EventFields.ID))
                .first() != null) {
            head++;
        }
        return head;
    }

    public long count() {
        return events.countDocuments();
    }

    /** The stored documents at these positions, by position (only {@code _id}, aggregate id and abandoned mark). */
    public Map<Long, BsonDocument> atPositions(Collection<Long> positions) {
        Map<Long, BsonDocument> found = new HashMap<>();
        List<Long> all = new ArrayList<>(new HashSet<>(positions));
        for (int from = 0; from < all.size(); from += CHUNK) {
            events.find(Filters.in(EventFields.ID, all.subList(from, Math.min(all.size(), from + CHUNK))))
                    .projection(Projections.include(EventFields.ID, EventFields.AGGREGATE_ID, EventFields.SEQ,
                            EventFields.ABANDONED))
                    .forEach(document -> found.put(document.getNumber(EventFields.ID).longValue(), document));
        }
        return found;
    }

    /** For each aggregate, the sequence numbers of its stored (not abandoned) events. */
    public Map<String, Set<Long>> sequences(Collection<String> aggregateIds) {
        Map<String, Set<Long>> found = new HashMap<>();
        List<String> all = new ArrayList<>(new HashSet<>(aggregateIds));
        for (int from = 0; from < all.size(); from += CHUNK) {
            events.find(Filters.in(EventFields.AGGREGATE_ID, all.subList(from, Math.min(all.size(), from + CHUNK))))
                    .projection(Projections.include(EventFields.AGGREGATE_ID, EventFields.SEQ, EventFields.ABANDONED))
                    .forEach(document -> {
                        if (!isAbandoned(document)) {
                            found.computeIfAbsent(document.getString(EventFields.AGGREGATE_ID).getValue(),
                                    id -> new HashSet<>()).add(document.getNumber(EventFields.SEQ).longValue());
                        }
                    });
        }
        return found;
    }

    /** The ids of every customer registered in the log (the aggregate's first event, not abandoned). */
    public Set<String> customerIds() {
        Set<String> ids = new HashSet<>();
        events.find(Filters.and(Filters.eq(EventFields.AGGREGATE_TYPE, "Customer"), Filters.eq(EventFields.SEQ, 0L)))
                .projection(Projections.include(EventFields.AGGREGATE_ID, EventFields.ABANDONED))
                .forEach(document -> {
                    if (!isAbandoned(document)) {
                        ids.add(document.getString(EventFields.AGGREGATE_ID).getValue());
                    }
                });
        return ids;
    }

    static boolean isAbandoned(BsonDocument document) {
        return document.containsKey(EventFields.ABANDONED) && document.get(EventFields.ABANDONED).isBoolean()
                && document.getBoolean(EventFields.ABANDONED).getValue();
    }

    @Override
    public void close() {
        client.close();
    }
}
