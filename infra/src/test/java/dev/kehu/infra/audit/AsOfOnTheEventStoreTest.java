package dev.kehu.infra.audit;

import com.mongodb.client.MongoDatabase;
import dev.kehu.infra.axon.AxonConfiguration;
import dev.kehu.infra.eventstore.StoreFixtures;
import dev.kehu.infra.eventstore.EventStoreSettings;
import dev.kehu.infra.eventstore.MongoEventStorageEngine;
import dev.kehu.infra.eventstore.MongoTestServer;
import dev.kehu.query.customer360.Customer360AsOf;
import dev.kehu.query.customer360.Customer360Documents;
import dev.kehu.query.customer360.Customer360Projection;
import dev.kehu.query.fold.AsOf;
import dev.kehu.query.fold.NotYetExisting;
import dev.kehu.query.history.ReadSide;
import dev.kehu.query.history.SeededHistory;
import dev.kehu.query.opportunity.OpportunityAsOf;
import dev.kehu.query.opportunity.OpportunityDetailProjection;
import dev.kehu.query.opportunity.OpportunityDocuments;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ProjectionPositions;
import dev.kehu.query.projection.ViewWriter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Views as of a past moment, read from the real MongoDB event store ({@link AsOfEventReader}) on the embedded
 * MongoDB-wire server, over a seeded history of Chinese and English customers: as of the head they are the live
 * views; as of earlier moments, what the live projections store when a rebuild stops there.
 */
class AsOfOnTheEventStoreTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    static MongoTestServer server;
    static MongoDatabase database;
    static SeededHistory history;
    static List<TrackedEventMessage<?>> stored;
    static AsOfEventReader reader;
    static Customer360AsOf customers;
    static OpportunityAsOf opportunities;

    @BeforeAll
    static void writeAndProject() {
        server = new MongoTestServer();
        database = server.newDatabase();
        MongoEventStorageEngine engine = StoreFixtures.anEngine(database);
        history = SeededHistory.generate(31, 1_200, TODAY);
        try (ReadSide readSide = ReadSide.start(database, engine, Clock.systemUTC(), 100, true)) {
            history.events().forEach(event -> readSide.publish(List.of(event)));
            readSide.awaitCaughtUp(Duration.ofSeconds(120));
            stored = readSide.storedEvents();
        }
        reader = new AsOfEventReader(database, EventStoreSettings.defaults(), AxonConfiguration.messageSerializer(), engine);
        customers = new Customer360AsOf(database, reader, 7);
        opportunities = new OpportunityAsOf(reader);
    }

    @AfterAll
    static void stop() {
        reader.close();
        server.close();
    }

    @Test
    void asOfTheHeadEveryViewIsTheLiveOne() {
        long head = reader.headPosition();
        assertThat(head).isEqualTo(position(stored.get(stored.size() - 1)));
        Instant last = stored.get(stored.size() - 1).getTimestamp();
        Map<Object, Document> live = documents(database, Customer360Projection.COLLECTION);
        assertThat(live).hasSize(history.customerIds().size());
        for (String customerId : history.customerIds()) {
            assertThat(Customer360Documents.encode(customers.view(customerId, new AsOf.Bound(head, Instant.MAX))))
                    .as(customerId).isEqualTo(live.get(customerId));
            assertThat(Customer360Documents.encode(customers.view(customerId, new AsOf.Bound(head, last))))
                    .as(customerId).isEqualTo(live.get(customerId));
        }
        Map<Object, Document> liveOpportunities = documents(database, OpportunityDetailProjection.COLLECTION);
        assertThat(liveOpportunities).hasSize(history.opportunityIds().size());
        for (String opportunityId : history.opportunityIds()) {
            assertThat(OpportunityDocuments.encode(opportunities.view(opportunityId, new AsOf.Bound(head, Instant.MAX))))
                    .as(opportunityId).isEqualTo(liveOpportunities.get(opportunityId));
        }
    }

    @Test
    void asOfAnEarlierMomentEveryViewIsWhatARebuildStoppedThereStores() {
        int compared = 0;
        for (double fraction : new double[]{0.1, 0.35, 0.5, 0.72, 0.9}) {
            TrackedEventMessage<?> lastIncluded = stored.get((int) (stored.size() * fraction));
            Instant at = lastIncluded.getTimestamp();
            MongoDatabase rebuilt = server.newDatabase();
            List<TrackedEventMessage<?>> upTo = new ArrayList<>();
            for (TrackedEventMessage<?> event : stored) {
                if (event.getTimestamp().isAfter(at)) {
                    break;
                }
                upTo.add(event);
            }
            ViewWriter writer = new ViewWriter(rebuilt);
            ReadSide.redeliver(new ProjectionPositions(rebuilt, () -> null, Clock.systemUTC()), writer,
                    Map.of(ProjectionGroups.CUSTOMER_360, List.of(new Customer360Projection(writer), new OpportunityDetailProjection(writer))),
                    upTo, 100);
            AsOf.Bound byInstant = new AsOf.Bound(reader.headPosition(), at);
            AsOf.Bound byPosition = new AsOf.Bound(position(upTo.get(upTo.size() - 1)), Instant.MAX);
            Map<Object, Document> expected = documents(rebuilt, Customer360Projection.COLLECTION);
            for (String customerId : history.customerIds()) {
                if (!expected.containsKey(customerId)) {
                    assertThatThrownBy(() -> customers.view(customerId, byInstant)).isInstanceOf(NotYetExisting.class);
                    continue;
                }
                assertThat(Customer360Documents.encode(customers.view(customerId, byInstant))).as("%s at %s", customerId, at)
                        .isEqualTo(expected.get(customerId));
                assertThat(Customer360Documents.encode(customers.view(customerId, byPosition))).as("%s at %s", customerId, byPosition)
                        .isEqualTo(expected.get(customerId));
                compared++;
            }
            Map<Object, Document> expectedOpportunities = documents(rebuilt, OpportunityDetailProjection.COLLECTION);
            for (String opportunityId : history.opportunityIds()) {
                if (expectedOpportunities.containsKey(opportunityId)) {
                    assertThat(OpportunityDocuments.encode(opportunities.view(opportunityId, byInstant)))
                            .as("%s at %s", opportunityId, at).isEqualTo(expectedOpportunities.get(opportunityId));
                }
            }
        }
        assertThat(compared).isGreaterThan(30);
        assertThat(database.getCollection("customer_360_snapshots").countDocuments()).as("snapshots written").isGreaterThan(10);
    }

    @Test
    void eventsComeBackWithTheirPositionsTimestampsAndActors() {
        TrackedEventMessage<?> some = stored.get(stored.size() / 3);
        DomainEventMessage<?> domain = (DomainEventMessage<?>) some;
        List<dev.kehu.query.fold.FoldEvent> read = new ArrayList<>();
        reader.read(domain.getAggregateIdentifier(), domain.getSequenceNumber(), event -> read.add(event) && false);
        assertThat(read).hasSize(1);
        assertThat(read.get(0).position()).isEqualTo(position(some));
        assertThat(read.get(0).timestamp()).isEqualTo(some.getTimestamp());
        assertThat(read.get(0).actor()).isEqualTo(some.getMetaData().get("actor"));
        assertThat(read.get(0).payload()).isEqualTo(some.getPayload());
    }

    static long position(TrackedEventMessage<?> event) {
        return event.trackingToken().position().orElseThrow();
    }

    static Map<Object, Document> documents(MongoDatabase database, String collection) {
        Map<Object, Document> documents = new LinkedHashMap<>();
        database.getCollection(collection).find().forEach(d -> documents.put(d.get("_id"), d));
        return documents;
    }
}
