package dev.kehu.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.kehu.infra.audit.AsOfEventReader;
import dev.kehu.infra.axon.AxonConfiguration;
import dev.kehu.infra.eventstore.EventStoreSettings;
import dev.kehu.infra.eventstore.MongoEventStorageEngine;
import dev.kehu.query.customer360.Customer360AsOf;
import dev.kehu.query.customer360.Customer360Fold;
import dev.kehu.query.customer360.Customer360Projection;
import dev.kehu.query.customer360.Customer360Snapshots;
import dev.kehu.query.fold.AsOf;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.Document;

import java.time.Instant;
import java.util.Arrays;
import java.util.Random;

/**
 * The as-of figure of the audit benchmark: {@code GET /api/customers/{id}/360?asOf=} of one customer at random
 * instants between its first and last event, in process (the service the controller calls, no HTTP), beside the raw
 * driver read of the same documents in the same run: the snapshot (index and document), the customer's links, and
 * the customer's events from the snapshot on up to the first beyond the instant, one point read after the other.
 * <p>
 * The first as-of of a customer folds its whole history and writes its snapshots ({@code first_ms}); the measured
 * ones start from the latest snapshot before their instant, as every later request does.
 */
public final class AsOfFigures {

    /** p99 and p50 of the as-of and of the raw reads, in milliseconds, over {@code runs} random instants. */
    public record Figures(double asOfP99Ms, double rawP99Ms, double asOfP50Ms, double rawP50Ms, double firstMs, int runs) {
    }

    private AsOfFigures() {
    }

    /**
     * Measures as-of for {@code customerId} in a store written by the MongoDB event store with the default settings
     * (its customer-360 links, if it has opportunities, written by the live projection).
     */
    public static Figures measure(MongoDatabase database, MongoEventStorageEngine engine, String customerId, int runs, long seed) {
        EventStoreSettings settings = EventStoreSettings.defaults();
        MongoCollection<BsonDocument> events = database.getCollection(settings.eventsCollection(), BsonDocument.class);
        try (AsOfEventReader reader = new AsOfEventReader(database, settings, AxonConfiguration.messageSerializer(), engine)) {
            Customer360AsOf asOf = new Customer360AsOf(database, reader);
            Customer360Snapshots snapshots = new Customer360Snapshots(database);
            long head = reader.headPosition();
            long lastSeq = engine.lastSequenceNumberFor(customerId).orElseThrow();
            Instant first = timestamp(byKey(events, customerId, 0));
            Instant last = timestamp(byKey(events, customerId, lastSeq));

            long started = System.nanoTime();
            asOf.view(customerId, new AsOf.Bound(head, Instant.MAX));
            double firstMs = (System.nanoTime() - started) / 1e6;

            Random random = new Random(seed);
            Instant[] instants = new Instant[runs];
            for (int i = 0; i < runs; i++) {
                instants[i] = first.plusMillis((long) (random.nextDouble() * (last.toEpochMilli() - first.toEpochMilli())));
            }
            for (int i = 0; i < Math.min(20, runs); i++) { // warm up the JIT and the connection pool
                asOf.view(customerId, new AsOf.Bound(head, instants[i]));
            }
            double[] asOfMs = new double[runs];
            double[] rawMs = new double[runs];
            for (int i = 0; i < runs; i++) {
                AsOf.Bound bound = new AsOf.Bound(head, instants[i]);
                started = System.nanoTime();
                asOf.view(customerId, bound);
                asOfMs[i] = (System.nanoTime() - started) / 1e6;

                var snapshot = snapshots.best(customerId, bound);
                long fromSeq = snapshot.map(s -> s.cursors().getOrDefault(customerId, 0L)).orElse(0L);
                long snapshotPosition = snapshot.map(Customer360Snapshots.Snapshot::position).orElse(-1L);
                started = System.nanoTime();
                raw(database, events, customerId, snapshotPosition, fromSeq, bound);
                rawMs[i] = (System.nanoTime() - started) / 1e6;
            }
            return new Figures(percentile(asOfMs, 0.99), percentile(rawMs, 0.99), percentile(asOfMs, 0.5),
                    percentile(rawMs, 0.5), firstMs, runs);
        }
    }

    /** The documents an as-of reads, read raw: snapshot index and snapshot by _id, links, events by key up to the bound. */
    private static void raw(MongoDatabase database, MongoCollection<BsonDocument> events, String customerId,
                            long snapshotPosition, long fromSeq, AsOf.Bound bound) {
        MongoCollection<Document> snapshots = database.getCollection(Customer360Snapshots.COLLECTION);
        String indexId = "r" + Customer360Fold.REVISION + ":" + customerId;
        snapshots.find(Filters.eq("_id", indexId)).first();
        if (snapshotPosition >= 0) {
            snapshots.find(Filters.eq("_id", indexId + "@" + snapshotPosition)).first();
        }
        database.getCollection(Customer360Projection.LINKS).find(Filters.eq("_id", customerId)).first();
        byKey(events, customerId, 0);
        for (long seq = fromSeq; ; seq++) {
            BsonDocument event = byKey(events, customerId, seq);
            if (event == null || timestamp(event).isAfter(bound.maxTime())) {
                return;
            }
        }
    }

    private static BsonDocument byKey(MongoCollection<BsonDocument> events, String aggregateId, long seq) {
        return events.find(new BsonDocument("aggregateId", new BsonString(aggregateId)).append("seq", new BsonInt64(seq))).first();
    }

    private static Instant timestamp(BsonDocument event) {
        return Instant.ofEpochMilli(event.getDateTime("timestamp").getValue());
    }

    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }
}
