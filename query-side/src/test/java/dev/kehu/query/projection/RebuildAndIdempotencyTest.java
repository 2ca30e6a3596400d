package dev.kehu.query.projection;

import com.mongodb.client.MongoDatabase;
import dev.kehu.query.history.EmbeddedMongo;
import dev.kehu.query.history.ReadSide;
import dev.kehu.query.history.SeededHistory;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read side's guarantees on a generated history of thousands of events across both
 * aggregates: a replay from an empty database rebuilds exactly the views of the live run, and
 * redelivered events change nothing.
 */
class RebuildAndIdempotencyTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    static final Clock CLOCK = Clock.fixed(TODAY.atTime(10, 0).toInstant(ZoneOffset.ofHours(8)), ZoneOffset.UTC);
    static final List<String> VIEW_COLLECTIONS = List.of(
            "customer_360", "customer_360_opportunities", "customer_list", "worklist_follow_ups", "worklist_customers",
            "worklist_opportunities", "pipeline_opportunities", "pipeline_customers", "value_customers", "risk_customers",
            "risk_opportunities", "service_customers", "service_complaints", "service_scores");

    static EmbeddedMongo mongo;
    static SeededHistory history;
    static InMemoryEventStorageEngine store;
    static Map<String, List<String>> liveViews;
    static List<TrackedEventMessage<?>> tracked;

    @BeforeAll
    static void liveRun() {
        mongo = new EmbeddedMongo();
        history = SeededHistory.generate(7, 6_000, TODAY);
        store = new InMemoryEventStorageEngine();
        MongoDatabase live = mongo.database("live");
        try (ReadSide readSide = ReadSide.start(live, store, CLOCK, 40, true)) {
            readSide.publishLive(history.events(), 25);
            readSide.awaitCaughtUp(Duration.ofSeconds(120));
            tracked = readSide.storedEvents();
        }
        liveViews = EmbeddedMongo.snapshot(live);
    }

    /** Compares collection by collection and reports the first differing document pair, not megabytes of JSON. */
    static void assertSameViews(Map<String, List<String>> actual, Map<String, List<String>> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (String collection : expected.keySet()) {
            List<String> a = actual.get(collection);
            List<String> e = expected.get(collection);
            for (int i = 0; i < Math.min(a.size(), e.size()); i++) {
                assertThat(a.get(i)).as("%s document %d", collection, i).isEqualTo(e.get(i));
            }
            assertThat(a.size()).as("%s size", collection).isEqualTo(e.size());
        }
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    @Test
    void generatedHistorySpansBothAggregatesWithThousandsOfEvents() {
        assertThat(history.events()).hasSizeGreaterThanOrEqualTo(6_000);
        assertThat(history.events()).extracting(e -> e.getType()).contains("Customer", "Opportunity");
        assertThat(liveViews.keySet()).containsAll(VIEW_COLLECTIONS);
        VIEW_COLLECTIONS.forEach(collection -> assertThat(liveViews.get(collection)).as(collection).isNotEmpty());
    }

    @Test
    void replayFromAnEmptyDatabaseRebuildsIdenticalViews() {
        MongoDatabase rebuilt = mongo.database("rebuilt");
        try (ReadSide readSide = ReadSide.start(rebuilt, store, CLOCK, 250, true)) {
            readSide.awaitCaughtUp(Duration.ofSeconds(120));
        }
        Map<String, List<String>> rebuiltViews = EmbeddedMongo.snapshot(rebuilt);
        assertSameViews(rebuiltViews, liveViews);
    }

    @Test
    void applyingEveryEventTwiceGivesTheSameViews() {
        MongoDatabase twice = mongo.database("twice");
        ProjectionPositions positions = new ProjectionPositions(twice, () -> null, CLOCK);
        ViewWriter writer = new ViewWriter(twice);
        var projections = ReadSide.projections(writer);
        for (int i = 0; i < tracked.size(); i += 100) {
            List<TrackedEventMessage<?>> batch = tracked.subList(i, Math.min(tracked.size(), i + 100));
            ReadSide.redeliver(positions, writer, projections, batch, 100);
            ReadSide.redeliver(positions, writer, projections, batch, 100);
        }
        assertSameViews(EmbeddedMongo.snapshot(twice), liveViews);
    }

    @Test
    void redeliveringOldEventsInAnyBatchingLeavesTheViewsUnchanged() {
        MongoDatabase again = mongo.database("again");
        ProjectionPositions positions = new ProjectionPositions(again, () -> null, CLOCK);
        ViewWriter writer = new ViewWriter(again);
        var projections = ReadSide.projections(writer);
        ReadSide.redeliver(positions, writer, projections, tracked, 500);
        Map<String, List<String>> once = EmbeddedMongo.snapshot(again);
        List<TrackedEventMessage<?>> sample = new ArrayList<>(tracked.subList(0, tracked.size() / 2));
        Collections.shuffle(sample, new Random(3));
        ReadSide.redeliver(positions, writer, projections, sample, 37);
        ReadSide.redeliver(positions, writer, projections, tracked.subList(tracked.size() - 300, tracked.size()), 1);

        assertSameViews(EmbeddedMongo.snapshot(again), once);
        assertSameViews(once, liveViews);
    }

    /**
     * The batch mode a rebuild uses (the same handlers over chunks of the log, documents held in memory and written
     * once per chunk) gives exactly the live views: with everything held in memory, and with a memory bound so small
     * that the documents are forgotten after every chunk and read back.
     */
    @Test
    void batchModeRebuildFromTheLogGivesTheLiveViews() {
        for (int maxDocuments : new int[]{1_000_000, 50}) {
            MongoDatabase batch = mongo.database("batch" + maxDocuments);
            ViewWriter writer = new ViewWriter(batch);
            List<RebuildBatch> batches = new ArrayList<>();
            ReadSide.projections(writer).forEach((group, projections) -> batches.add(new RebuildBatch(group, projections, batch,
                    dev.kehu.query.projection.rebuild.ProjectionCollections.of(group), true, maxDocuments)));
            var pass = new dev.kehu.query.projection.rebuild.RebuildPass(
                    dev.kehu.query.projection.rebuild.EventLog.of(store), batches, 777);
            long last = pass.run(-1, (position, p) -> true);

            assertThat(pass.events()).isEqualTo(tracked.size());
            assertThat(last).isEqualTo(tracked.get(tracked.size() - 1).trackingToken().position().orElseThrow());
            Map<String, List<String>> expected = new java.util.TreeMap<>(liveViews);
            expected.keySet().retainAll(EmbeddedMongo.snapshot(batch).keySet());
            assertThat(expected.keySet()).as("every view collection").containsAll(VIEW_COLLECTIONS);
            assertSameViews(EmbeddedMongo.snapshot(batch), expected);
        }
    }
}
