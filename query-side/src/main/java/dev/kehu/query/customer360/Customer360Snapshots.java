package dev.kehu.query.customer360;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import dev.kehu.query.fold.AsOf;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Snapshots of {@link Customer360Fold}'s state for one customer, so that an as-of folds at most
 * {@link Customer360AsOf#SNAPSHOT_EVERY} of the customer's events instead of its whole history. Collection
 * {@code customer_360_snapshots}: an index per customer ({@code _id = "r<revision>:<customerId>"}, the positions and
 * latest timestamps of its snapshots) and one document per snapshot ({@code _id = "r<revision>:<customerId>@<position>"})
 * with the view, the customer's opportunities and the next sequence number of each aggregate. A snapshot is only
 * valid for the fold revision that wrote it: both keys carry {@link Customer360Fold#REVISION}, so a new revision
 * never reads an old one's snapshots. Every read and write is by {@code _id}.
 */
public class Customer360Snapshots {

    public static final String COLLECTION = "customer_360_snapshots";
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    /** The fold's state after every event at or below {@code position} (stamped no later than {@code maxTimestamp}). */
    public record Snapshot(long position, Instant maxTimestamp, Customer360State state, Map<String, Long> cursors) {
    }

    private final MongoCollection<Document> collection;

    public Customer360Snapshots(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    /** The latest snapshot the bound includes entirely. */
    public Optional<Snapshot> best(String customerId, AsOf.Bound bound) {
        Document index = collection.find(Filters.eq("_id", indexId(customerId))).first();
        if (index == null) {
            return Optional.empty();
        }
        Optional<Document> entry = index.getList("entries", Document.class, List.of()).stream()
                .filter(e -> e.getLong("position") <= bound.maxPosition()
                        && !e.getDate("maxTimestamp").toInstant().isAfter(bound.maxTime()))
                .max(Comparator.comparingLong(e -> e.getLong("position")));
        return entry.flatMap(e -> Optional.ofNullable(collection.find(Filters.eq("_id", snapshotId(customerId, e.getLong("position")))).first()))
                .map(Customer360Snapshots::decode);
    }

    /** Stores the snapshots (the same position always holds the same state, so concurrent writers agree). */
    public void save(String customerId, List<Snapshot> snapshots) {
        if (snapshots.isEmpty()) {
            return;
        }
        for (Snapshot snapshot : snapshots) {
            collection.replaceOne(Filters.eq("_id", snapshotId(customerId, snapshot.position())), encode(customerId, snapshot), UPSERT);
        }
        // the index last: it never names a snapshot that is not stored. Two writers racing may drop each other's
        // entries; that only costs a longer fold until a later as-of writes them again.
        Document index = collection.find(Filters.eq("_id", indexId(customerId))).first();
        Map<Long, Document> entries = new java.util.TreeMap<>();
        if (index != null) {
            index.getList("entries", Document.class, List.of()).forEach(e -> entries.put(e.getLong("position"), e));
        }
        snapshots.forEach(s -> entries.put(s.position(), new Document("position", s.position())
                .append("maxTimestamp", Date.from(s.maxTimestamp()))));
        collection.replaceOne(Filters.eq("_id", indexId(customerId)), new Document("_id", indexId(customerId))
                .append("customerId", customerId).append("revision", Customer360Fold.REVISION)
                .append("entries", new ArrayList<>(entries.values())), UPSERT);
    }

    private static Document encode(String customerId, Snapshot snapshot) {
        List<Document> opportunities = new ArrayList<>();
        snapshot.state().opportunities().values().forEach(o -> opportunities.add(Customer360Documents.encode(o)));
        List<Document> cursors = new ArrayList<>();
        snapshot.cursors().forEach((id, next) -> cursors.add(new Document("aggregateId", id).append("nextSeq", next)));
        Customer360View view = snapshot.state().view();
        return new Document("_id", snapshotId(customerId, snapshot.position()))
                .append("customerId", customerId).append("revision", Customer360Fold.REVISION)
                .append("position", snapshot.position()).append("maxTimestamp", Date.from(snapshot.maxTimestamp()))
                .append("view", view == null ? null : Customer360Documents.encode(view))
                .append("opportunities", opportunities)
                .append("cursors", cursors); // a list: aggregate ids are not safe as keys (dots, dollars)
    }

    private static Snapshot decode(Document doc) {
        Map<String, Customer360Opportunity> opportunities = new LinkedHashMap<>();
        for (Document o : doc.getList("opportunities", Document.class, List.of())) {
            Customer360Opportunity opportunity = Customer360Documents.decodeOpportunity(o);
            opportunities.put(opportunity.opportunityId(), opportunity);
        }
        Map<String, Long> cursors = new LinkedHashMap<>();
        for (Document cursor : doc.getList("cursors", Document.class, List.of())) {
            cursors.put(cursor.getString("aggregateId"), ((Number) cursor.get("nextSeq")).longValue());
        }
        return new Snapshot(doc.getLong("position"), doc.getDate("maxTimestamp").toInstant(),
                new Customer360State(Customer360Documents.decode(doc.get("view", Document.class)), opportunities), cursors);
    }

    static String indexId(String customerId) {
        return "r" + Customer360Fold.REVISION + ":" + customerId;
    }

    static String snapshotId(String customerId, long position) {
        return indexId(customerId) + "@" + position;
    }
}
