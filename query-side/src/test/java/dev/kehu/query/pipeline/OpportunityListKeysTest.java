package dev.kehu.query.pipeline;

import com.mongodb.client.MongoDatabase;
import dev.kehu.query.history.EmbeddedMongo;
import dev.kehu.query.history.ReadSide;
import dev.kehu.query.history.SeededHistory;
import dev.kehu.query.opportunity.OpportunityListController;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ProjectionPositions;
import dev.kehu.query.projection.ViewWriter;
import dev.kehu.query.web.Page;
import dev.kehu.query.web.SortKeys;
import dev.kehu.query.web.ViewFreshness;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The opportunity list's key documents: paging through every sort in both directions gives every deal once, in the
 * order of its key (ties by id), over a seeded history whose deals change amount, close date and owner; a key that
 * moved leaves no document behind; and {@link SortKeys} orders as the values' UTF-8 bytes, Chinese included.
 */
class OpportunityListKeysTest {

    @Test
    void everySortPagesThroughEveryDealInKeyOrderAndMovedKeysLeaveNothingBehind() {
        SeededHistory history = SeededHistory.generate(7L, 2_500, LocalDate.of(2026, 11, 20));
        List<TrackedEventMessage<?>> events = new ArrayList<>();
        history.events().forEach(event -> events.add(new GenericTrackedDomainEventMessage<>(
                new GlobalSequenceTrackingToken(events.size() + 1), event)));
        try (EmbeddedMongo mongo = new EmbeddedMongo()) {
            MongoDatabase database = mongo.database("list");
            ViewWriter writer = new ViewWriter(database);
            ProjectionPositions positions = new ProjectionPositions(database, () -> null, Clock.systemUTC());
            ReadSide.redeliver(positions, writer, Map.of(ProjectionGroups.PIPELINE, List.of(new PipelineProjection(writer))), events, 9);

            List<Document> deals = database.getCollection(PipelineProjection.OPPORTUNITIES).find().into(new ArrayList<>());
            assertThat(deals).hasSizeGreaterThan(50);
            assertThat(deals.stream().filter(d -> !d.getList("amountChanges", Document.class).isEmpty())).isNotEmpty();
            assertThat(database.getCollection(OpportunityListKeys.COLLECTION).countDocuments())
                    .as("one key document per deal, sort and direction: moved keys were deleted").isEqualTo(6L * deals.size());

            OpportunityListController list = new OpportunityListController(database, new ViewFreshness(positions, Duration.ofSeconds(1)));
            OpportunityListKeys.ORDERS.forEach((order, key) -> {
                Comparator<Document> byKey = Comparator.comparing(d -> d.getString(key));
                List<String> expected = deals.stream().sorted(order.startsWith("-") ? byKey.reversed() : byKey)
                        .map(d -> d.getString("_id")).toList();
                List<String> seen = new ArrayList<>();
                String cursor = null;
                do {
                    Page<OpportunityListController.Item> page = list.opportunities(null, null, null, null, null, null, order, cursor, 37, null)
                            .join().getBody();
                    page.items().forEach(item -> seen.add(item.opportunityId()));
                    cursor = page.nextCursor();
                } while (cursor != null);
                assertThat(seen).as(order).isEqualTo(expected);
            });

            String owner = deals.get(0).getString("ownerId");
            List<String> owned = list.opportunities(owner, null, "open", null, null, null, "-amount", null, 500, null).join().getBody()
                    .items().stream().map(OpportunityListController.Item::opportunityId).toList();
            assertThat(owned).isEqualTo(deals.stream().filter(d -> owner.equals(d.getString("ownerId")) && "OPEN".equals(d.getString("status")))
                    .sorted(Comparator.comparing((Document d) -> d.getString(OpportunityListKeys.AMOUNT)).reversed())
                    .map(d -> d.getString("_id")).toList());
        }
    }

    @Test
    void sortKeysOrderAsTheValuesBytesUpAndDown() {
        List<String> values = Arrays.asList("上海远航", "上海", "Shanghai", "Shang", "", "北京办事处", "Émile", "zebra", null, "𠀀");
        Comparator<String> bytes = Comparator.nullsFirst(Comparator.comparing(v -> new String(v.getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1)));
        List<String> ascending = values.stream().sorted(Comparator.comparing((String v) -> SortKeys.key("n", v, false, "id"))).toList();
        List<String> descending = values.stream().sorted(Comparator.comparing((String v) -> SortKeys.key("-n", v, true, "id"))).toList();
        List<String> expected = values.stream().sorted(bytes).toList();
        // null and "" share the empty key (both first): compare without telling them apart
        assertThat(ascending.stream().map(v -> v == null ? "" : v).toList()).isEqualTo(expected.stream().map(v -> v == null ? "" : v).toList());
        List<String> reversed = new ArrayList<>(expected.stream().map(v -> v == null ? "" : v).toList());
        java.util.Collections.reverse(reversed);
        assertThat(descending.stream().map(v -> v == null ? "" : v).toList()).isEqualTo(reversed);
        assertThat(SortKeys.key("n", "同名", false, "a")).isLessThan(SortKeys.key("n", "同名", false, "b"));
        assertThat(SortKeys.key("-n", "同名", true, "a")).isLessThan(SortKeys.key("-n", "同名", true, "b"));
    }
}
