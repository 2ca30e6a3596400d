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
            readSide.publishInChunks(history.events(), 9);
            readSide.awaitCaughtUp(Duration.ofSeconds(120));
            tracked = readSide.storedEvents();
        }
        liveViews = EmbeddedMongo.snapshot(live);
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
        assertThat(rebuiltViews.keySet()).isEqualTo(liveViews.keySet());
        for (String collection : liveViews.keySet()) {
            assertThat(rebuiltViews.get(collection)).as(collection).containsExactlyElementsOf(liveViews.get(collection));
        }
    }

    @Test
    void applyingEveryEventTwiceGivesTheSameViews() {
        MongoDatabase twice = mongo.database("twice");
        ProjectionPositions positions = new ProjectionPositions(twice, () -> null, CLOCK);
        var projections = ReadSide.projections(new ViewWriter(twice));
        for (int i = 0; i < tracked.size(); i += 100) {
            List<TrackedEventMessage<?>> batch = tracked.subList(i, Math.min(tracked.size(), i + 100));
            ReadSide.redeliver(positions, projections, batch, 100);
            ReadSide.redeliver(positions, projections, batch, 100);
        }
        Map<String, List<String>> views = EmbeddedMongo.snapshot(twice);
        for (String collection : liveViews.keySet()) {
            assertThat(views.get(collection)).as(collection).containsExactlyElementsOf(liveViews.get(collection));
        }
    }

    @Test
    void redeliveringOldEventsInAnyBatchingLeavesTheViewsUnchanged() {
        MongoDatabase again = mongo.database("again");
        ProjectionPositions positions = new ProjectionPositions(again, () -> null, CLOCK);
        var projections = ReadSide.projections(new ViewWriter(again));
        ReadSide.redeliver(positions, projections, tracked, 500);
        Map<String, List<String>> once = EmbeddedMongo.snapshot(again);
        List<TrackedEventMessage<?>> sample = new ArrayList<>(tracked.subList(0, tracked.size() / 2));
        Collections.shuffle(sample, new Random(3));
        ReadSide.redeliver(positions, projections, sample, 37);
        ReadSide.redeliver(positions, projections, tracked, 1);

        assertThat(EmbeddedMongo.snapshot(again)).isEqualTo(once).isEqualTo(liveViews);
    }
}
