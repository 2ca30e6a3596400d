package dev.kehu.query.customer360;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import dev.kehu.query.fold.AsOf;
import dev.kehu.query.web.ReadSideWebTest;
import dev.kehu.query.fold.AggregateEvents;
import dev.kehu.query.history.EmbeddedMongo;
import dev.kehu.query.history.ReadSide;
import dev.kehu.query.history.SeededHistory;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ProjectionPositions;
import dev.kehu.query.projection.ViewWriter;
import dev.kehu.query.web.ReadSideTestApplication;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/customers/{id}/360?asOf=} over a seeded history (Chinese and English companies and people): as of
 * now it is the live view, as of any earlier moment it is what a rebuild of the live projection stopped at that
 * moment stores, with snapshots or without; bad moments are problems naming the parameter.
 */
@TestPropertySource(properties = {"kehu.query.min-position-wait=2s"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Customer360AsOfRestTest extends ReadSideWebTest {

    @Autowired
    MongoDatabase database;
    @Autowired
    AggregateEvents aggregateEvents;
    @Autowired
    Clock clock;

    SeededHistory history;
    List<TrackedEventMessage<?>> stored;
    EmbeddedMongo rebuilds;

    @BeforeAll
    void publishHistory() throws Exception {
        history = SeededHistory.generate(23, 1_500, ReadSideTestApplication.TODAY);
        history.events().forEach(event -> eventStore.publish(event));
        long head = eventStore.createHeadToken().position().orElseThrow();
        awaitApplied(List.of(ProjectionGroups.CUSTOMER_360), head);
        stored = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable()) {
                stored.add(stream.nextAvailable());
            }
        }
        rebuilds = new EmbeddedMongo();
    }

    @AfterAll
    void stop() {
        rebuilds.close();
    }

    @Test
    void asOfNowIsTheLiveView() throws Exception {
        String now = clock.instant().toString();
        long head = stored.size() - 1 + firstPosition();
        for (String customerId : history.customerIds()) {
            Response live = get("/api/customers/" + customerId + "/360");
            assertThat(live.status()).isEqualTo(200);
            Response asOfNow = get("/api/customers/" + customerId + "/360?asOf=" + enc(now));
            assertThat(asOfNow.status()).as(customerId).isEqualTo(200);
            assertThat(asOfNow.body()).as(customerId).isEqualTo(live.body());
            assertThat(get("/api/customers/" + customerId + "/360?asOfPosition=" + head).body()).as(customerId).isEqualTo(live.body());
        }
        assertThat(history.customerIds()).hasSizeGreaterThan(10);
    }

    @Test
    void asOfAnEarlierMomentIsWhatARebuildStoppedThereStores() throws Exception {
        int checked = 0;
        for (double fraction : new double[]{0.05, 0.3, 0.55, 0.8, 0.97}) {
            TrackedEventMessage<?> last = stored.get((int) (stored.size() * fraction));
            long position = last.trackingToken().position().orElseThrow();
            Instant instant = last.getTimestamp();
            Map<String, Document> rebuilt = rebuild(event -> !event.getTimestamp().isAfter(instant), "at-" + position);
            for (String customerId : history.customerIds()) {
                Response byInstant = get("/api/customers/" + customerId + "/360?asOf=" + enc(instant.toString()));
                Response byPosition = get("/api/customers/" + customerId + "/360?asOfPosition=" + position);
                Document expected = rebuilt.get(customerId);
                if (expected == null) {
                    assertThat(byInstant.status()).as("%s at %s", customerId, instant).isEqualTo(404);
                    assertThat(byInstant.body().get("detail").asText()).contains("did not exist yet at " + instant);
                    assertThat(byPosition.status()).isEqualTo(404);
                    continue;
                }
                JsonNode json = JSON.readTree(JSON.writeValueAsString(Customer360Controller.body(expected, ReadSideTestApplication.TODAY, "CNY")));
                assertThat(byInstant.body()).as("%s at %s", customerId, instant).isEqualTo(json);
                assertThat(byPosition.body()).as("%s at %d", customerId, position).isEqualTo(json);
                assertThat(byPosition.headers().get("kehu-as-of-position")).containsExactly(Long.toString(position));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(20);
    }

    @Test
    void snapshotsGiveTheSameViewAsFoldingFromTheStart() {
        // one snapshot after every 3rd event of the busiest customer: many snapshots, taken at one moment and used at others
        String customerId = history.customerIds().stream().max(java.util.Comparator.comparingLong(id -> stored.stream()
                .filter(e -> e instanceof DomainEventMessage<?> d && d.getAggregateIdentifier().equals(id)).count())).orElseThrow();
        Customer360AsOf withSnapshots = new Customer360AsOf(database, aggregateEvents, 3);
        MongoDatabase links = rebuilds.database("links-only");
        database.getCollection(Customer360Projection.LINKS).find().forEach(doc -> links.getCollection(Customer360Projection.LINKS).insertOne(doc));
        database.getCollection(Customer360Projection.OPPORTUNITIES).find().forEach(doc -> links.getCollection(Customer360Projection.OPPORTUNITIES).insertOne(doc));
        Customer360AsOf plain = new Customer360AsOf(links, aggregateEvents, Integer.MAX_VALUE);
        long head = stored.get(stored.size() - 1).trackingToken().position().orElseThrow();
        long first = firstPositionOf(customerId);
        withSnapshots.view(customerId, new AsOf.Bound(head, Instant.MAX)); // writes its snapshots
        assertThat(database.getCollection(Customer360Snapshots.COLLECTION).countDocuments()).isGreaterThan(5);
        int compared = 0;
        for (long position = head; position >= first; position -= Math.max(1, (head - first) / 150)) {
            AsOf.Bound bound = new AsOf.Bound(position, Instant.MAX);
            assertThat(Customer360Documents.encode(withSnapshots.view(customerId, bound)))
                    .as("at %d", position).isEqualTo(Customer360Documents.encode(plain.view(customerId, bound)));
            compared++;
        }
        assertThat(compared).isGreaterThan(100);
    }

    @Test
    void badMomentsAreProblemsNamingTheParameter() throws Exception {
        String customerId = history.customerIds().get(0);
        long head = stored.get(stored.size() - 1).trackingToken().position().orElseThrow();
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("asOf=yesterday", "asOf");
        bad.put("asOf=2026-13-01T00:00:00Z", "asOf");
        bad.put("asOf=" + enc(clock.instant().plusSeconds(60).toString()), "asOf");
        bad.put("asOfPosition=twelve", "asOfPosition");
        bad.put("asOfPosition=-1", "asOfPosition");
        bad.put("asOfPosition=" + (head + 1), "asOfPosition");
        bad.put("asOf=2026-01-01T00:00:00Z&asOfPosition=5", "asOfPosition");
        for (Map.Entry<String, String> entry : bad.entrySet()) {
            Response response = get("/api/customers/" + customerId + "/360?" + entry.getKey());
            assertThat(response.status()).as(entry.getKey()).isEqualTo(400);
            assertThat(response.contentType()).as(entry.getKey()).startsWith("application/problem+json");
            assertThat(response.body().get("parameter").asText()).as(entry.getKey()).isEqualTo(entry.getValue());
        }
        assertThat(get("/api/customers/" + customerId + "/360?asOf=" + enc(clock.instant().plusSeconds(60).toString()))
                .body().get("reason").asText()).startsWith("is in the future");

        Response unknown = get("/api/customers/no-such-customer/360?asOf=" + enc(clock.instant().toString()));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("id").asText()).isEqualTo("no-such-customer");
        Response tooEarly = get("/api/customers/" + customerId + "/360?asOf=2001-01-01T00:00:00Z");
        assertThat(tooEarly.status()).isEqualTo(404);
        assertThat(tooEarly.contentType()).startsWith("application/problem+json");
        assertThat(tooEarly.body().get("detail").asText()).isEqualTo("customer '" + customerId
                + "' did not exist yet at 2001-01-01T00:00:00Z: its first event is at position " + firstPositionOf(customerId)
                + ", " + firstTimestampOf(customerId));
        String opportunityId = history.opportunityIds().get(0);
        assertThat(get("/api/customers/" + opportunityId + "/360?asOf=" + enc(clock.instant().toString())).status()).isEqualTo(404);
    }

    // --- helpers ---------------------------------------------------------------------------

    /** The live projection run over the stored events the filter keeps (in log order, stopping at the first it drops). */
    private Map<String, Document> rebuild(java.util.function.Predicate<TrackedEventMessage<?>> upTo, String name) {
        List<TrackedEventMessage<?>> events = new ArrayList<>();
        for (TrackedEventMessage<?> event : stored) {
            if (!upTo.test(event)) {
                break;
            }
            events.add(event);
        }
        MongoDatabase target = rebuilds.database(name);
        ViewWriter writer = new ViewWriter(target);
        ProjectionPositions rebuiltPositions = new ProjectionPositions(target, () -> null, Clock.systemUTC());
        ReadSide.redeliver(rebuiltPositions, writer, Map.of(ProjectionGroups.CUSTOMER_360, List.of(new Customer360Projection(writer))),
                events, 100);
        Map<String, Document> views = new LinkedHashMap<>();
        target.getCollection(Customer360Projection.COLLECTION).find().forEach(doc -> views.put(doc.getString("_id"), doc));
        return views;
    }

    private long firstPosition() {
        return stored.get(0).trackingToken().position().orElseThrow();
    }

    private TrackedEventMessage<?> firstOf(String aggregateId) {
        return stored.stream().filter(e -> e instanceof DomainEventMessage<?> d && d.getAggregateIdentifier().equals(aggregateId))
                .findFirst().orElseThrow();
    }

    private long firstPositionOf(String aggregateId) {
        return firstOf(aggregateId).trackingToken().position().orElseThrow();
    }

    private Instant firstTimestampOf(String aggregateId) {
        return firstOf(aggregateId).getTimestamp();
    }
}
