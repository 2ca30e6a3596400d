package dev.kehu.query.customerlist;

import com.mongodb.client.MongoDatabase;
import dev.kehu.query.history.EmbeddedMongo;
import dev.kehu.query.history.ReadSide;
import dev.kehu.query.history.SeededHistory;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ProjectionPositions;
import dev.kehu.query.projection.ReportContext;
import dev.kehu.query.projection.ViewWriter;
import dev.kehu.query.web.Page;
import dev.kehu.query.web.ViewFreshness;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer list by name and by last interaction, read by key ({@link CustomerListKeys}): paging through each
 * order, unfiltered and filtered by a region (Chinese) and an account manager, gives every customer not merged once,
 * in the order the list sorted in memory before (missing values first going up, ties by id), over a seeded history
 * with profile changes, interactions and merges; merged customers and moved keys leave no key document behind.
 */
class CustomerListKeysTest {

    @Test
    void everyKeyedSortPagesThroughTheCustomersInOrderWithAndWithoutFilters() {
        LocalDate today = LocalDate.of(2026, 11, 20);
        SeededHistory history = SeededHistory.generate(11L, 2_500, today);
        List<TrackedEventMessage<?>> events = new ArrayList<>();
        history.events().forEach(event -> events.add(new GenericTrackedDomainEventMessage<>(
                new GlobalSequenceTrackingToken(events.size() + 1), event)));
        try (EmbeddedMongo mongo = new EmbeddedMongo()) {
            MongoDatabase database = mongo.database("customers");
            ViewWriter writer = new ViewWriter(database);
            Clock clock = Clock.fixed(SeededHistory.startOfDay(today), ZoneOffset.UTC);
            ProjectionPositions positions = new ProjectionPositions(database, () -> null, clock);
            ReadSide.redeliver(positions, writer, Map.of(ProjectionGroups.CUSTOMER_LIST, List.of(new CustomerListProjection(writer))), events, 9);

            List<Document> customers = database.getCollection(CustomerListProjection.COLLECTION).find(new Document("merged", false))
                    .into(new ArrayList<>());
            assertThat(customers).hasSizeGreaterThan(20);
            assertThat(database.getCollection(CustomerListKeys.COLLECTION).countDocuments())
                    .as("four key documents per customer not merged").isEqualTo(4L * customers.size());
            CustomerListController list = new CustomerListController(database, new ViewFreshness(positions, Duration.ofSeconds(1)),
                    new ReportContext(clock, SeededHistory.ZONE.getId(), SeededHistory.CURRENCY));

            String region = customers.stream().map(c -> c.getString("region")).filter(r -> r != null && r.endsWith("办事处")).findFirst().orElseThrow();
            String manager = customers.stream().map(c -> c.getString("accountManager")).filter(m -> m != null).findFirst().orElseThrow();
            int compared = 0;
            for (String[] filter : new String[][]{{null, null}, {region, null}, {null, manager}}) {
                for (String order : CustomerListKeys.ORDERS.keySet()) {
                    String field = CustomerListKeys.ORDERS.get(order);
                    Comparator<Document> byValue = Comparator.comparing((Document c) -> c.getString(field), Comparator.nullsFirst(Comparator.naturalOrder()));
                    if (order.startsWith("-")) {
                        byValue = byValue.reversed();
                    }
                    List<String> expected = customers.stream()
                            .filter(c -> filter[0] == null || filter[0].equals(c.getString("region")))
                            .filter(c -> filter[1] == null || filter[1].equals(c.getString("accountManager")))
                            .sorted(byValue.thenComparing(c -> c.getString("_id"))).map(c -> c.getString("_id")).toList();
                    List<String> seen = new ArrayList<>();
                    String cursor = null;
                    do {
                        Page<Map<String, Object>> page = list.customers(filter[0], null, null, filter[1], null, null, order, cursor, 13, null)
                                .join().getBody();
                        page.items().forEach(row -> seen.add((String) row.get("customerId")));
                        cursor = page.nextCursor();
                    } while (cursor != null);
                    assertThat(seen).as("%s, region %s, manager %s", order, filter[0], filter[1]).isEqualTo(expected).isNotEmpty();
                    compared++;
                }
            }
            assertThat(compared).isEqualTo(12);
        }
    }
}
