package dev.kehu.query.customer360;

import com.mongodb.client.MongoDatabase;
import dev.kehu.query.history.EmbeddedMongo;
import dev.kehu.query.history.ExtremeHistory;
import dev.kehu.query.history.SeededHistory;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ProjectionPositions;
import dev.kehu.query.projection.ViewWriter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fold stores exactly what the customer 360 projection stored before it was a fold: the old projection is kept
 * in the test sources ({@link Customer360ProjectionBeforeTheFold}) and both run over the same seeded histories
 * (Chinese and English, every event type, extreme and absent values); every document must be equal.
 */
class Customer360FoldKeepsTheStoredShapeTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    EmbeddedMongo mongo;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void aSeededHistoryGivesTheSameDocumentsAsTheProjectionBeforeTheFold() {
        assertSameDocuments(tracked(SeededHistory.generate(11, 1_500, TODAY).events()), 100);
    }

    @Test
    void anExtremeHistoryGivesTheSameDocumentsAsTheProjectionBeforeTheFold() {
        assertSameDocuments(tracked(ExtremeHistory.generate(5, 6, 60, TODAY, Instant.parse("2026-01-05T01:00:00Z"))), 7);
    }

    private void assertSameDocuments(List<TrackedEventMessage<?>> events, int batchSize) {
        MongoDatabase before = mongo.database("before");
        MongoDatabase fold = mongo.database("fold");
        run(before, events, batchSize, true);
        run(fold, events, batchSize, false);
        for (String collection : List.of(Customer360Projection.COLLECTION, Customer360Projection.OPPORTUNITIES)) {
            Map<Object, Document> expected = documents(before, collection);
            Map<Object, Document> actual = documents(fold, collection);
            assertThat(expected).as(collection).isNotEmpty();
            assertThat(actual.keySet()).as(collection).isEqualTo(expected.keySet());
            expected.forEach((id, document) -> {
                // the fold also applies the events added since (deliveries, the complaint link): it may be further on
                assertThat(actual.get(id).get(ViewWriter.APPLIED_POSITION, Number.class).longValue()).as("%s %s", collection, id)
                        .isGreaterThanOrEqualTo(document.get(ViewWriter.APPLIED_POSITION, Number.class).longValue());
                assertThat(withoutIssue17Keys(actual.get(id))).as("%s %s", collection, id)
                        .isEqualTo(withoutIssue17Keys(document));
            });
        }
        // Customer360Documents.keys and encode read one table of keys (a batch checks them on every write and refuses the event)
        documents(fold, Customer360Projection.COLLECTION).forEach((id, document) -> {
            Customer360View view = Customer360Documents.decode(document);
            assertThat(Customer360Documents.keys(view)).as("keys of %s", id)
                    .containsExactlyElementsOf(Customer360Documents.encode(view).keySet());
        });
    }

    private static void run(MongoDatabase database, List<TrackedEventMessage<?>> events, int batchSize, boolean old) {
        ViewWriter writer = new ViewWriter(database);
        ProjectionPositions positions = new ProjectionPositions(database, () -> null, Clock.systemUTC());
        Object projection = old ? new Customer360ProjectionBeforeTheFold(writer) : new Customer360Projection(writer);
        dev.kehu.query.history.ReadSide.redeliver(positions, writer, Map.of(ProjectionGroups.CUSTOMER_360, List.of(projection)),
                events, batchSize);
    }

    private static Map<Object, Document> documents(MongoDatabase database, String collection) {
        Map<Object, Document> documents = new LinkedHashMap<>();
        database.getCollection(collection).find().forEach(d -> documents.put(d.get("_id"), d));
        return documents;
    }

    static List<TrackedEventMessage<?>> tracked(List<DomainEventMessage<?>> events) {
        List<TrackedEventMessage<?>> tracked = new ArrayList<>();
        for (DomainEventMessage<?> event : events) {
            tracked.add(new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(tracked.size() + 1), event));
        }
        return tracked;
    }

    /**
     * Issue 17 changed the stored shape on purpose: the fold adds {@code spendByDay} and
     * {@code recentlyClosedOpportunities} (tested in {@code Customer360FiguresTest}), and credit exposure is computed
     * when the view is read instead of stored; issue 22 adds {@code latestInvestigation}, {@code paymentRecord}, {@code serviceRequests},
     * {@code recentDeliveries}, {@code recentOrders} and a complaint's {@code serviceRequestId} (tested in
     * {@code Customer360InvestigationTest}). Everything else must stay as the projection before the fold wrote it.
     */
    private static Document withoutIssue17Keys(Document document) {
        Document copy = new Document(document);
        copy.remove("spendByDay");
        copy.remove("recentlyClosedOpportunities");
        copy.remove("latestInvestigation");
        copy.remove("paymentRecord");
        copy.remove("serviceRequests");
        copy.remove("recentDeliveries");
        copy.remove("recentOrders");
        copy.remove(ViewWriter.APPLIED_POSITION);
        if (copy.get("complaints") instanceof Document complaints) {
            Document stripped = new Document(complaints);
            stripped.put("recent", complaints.getList("recent", Document.class).stream().map(c -> {
                Document complaint = new Document(c);
                complaint.remove("serviceRequestId");
                return complaint;
            }).toList());
            copy.put("complaints", stripped);
        }
        if (copy.get("credit") instanceof Document credit) {
            Document stripped = new Document(credit);
            stripped.remove("exposure");
            copy.put("credit", stripped);
        }
        return copy;
    }
}
