package dev.kehu.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kehu.command.customer.tier.DailyTierReevaluation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The event store invents no actor, so the application must supply one on every path that produces events:
 * REST commands (from {@code X-Actor}), commands of several aggregates in one commit (a won opportunity reserves
 * its customer's credit) and the scheduled tier re-evaluation. Runs the whole application and reads every stored
 * event document, position by position.
 */
class EveryEventHasAnActorTest extends WholeApplicationTest {

    @Autowired
    DailyTierReevaluation tierReevaluation;

    @Test
    void everyStoredEventNamesWhoActedAfterRestCommandsAndTheScheduledJob() {
        Api api = Api.signedIn(port, context, "e2e.reader");
        String customerId = created(api.as("张伟").post("/api/customers", Map.of("kind", "COMPANY",
                "chineseName", "上海浦东发展银行股份有限公司", "latinName", "Shanghai Pudong Development Bank",
                "creditCode", "9131000013221158XC", "industry", "金融 finance", "region", "华东 East China"),
                "X-Reason", Api.headerText("展会获客 trade fair")));
        ok(api.as("li.na").put("/api/customers/" + customerId + "/credit-limit", Map.of("amount", 5_000_000, "currency", "CNY")));
        ok(api.as("erp-sync").post("/api/customers/" + customerId + "/orders", Map.of("orderNumber", "SO-2026-001",
                "amount", "300000.00", "currency", "CNY", "orderedOn", LocalDate.now().minusDays(2).toString())));
        String opportunityId = created(api.as("王小明").post("/api/opportunities", Map.of("customerId", customerId,
                "title", "浦发银行 – 2026 网点净水设备", "amount", "1280000.00", "currency", "CNY",
                "expectedCloseDate", LocalDate.now().plusMonths(2).toString(), "ownerId", "王小明")));
        ok(api.as("王小明").post("/api/opportunities/" + opportunityId + "/stage", Map.of("stage", "NEGOTIATION",
                "reason", "客户直接进入商务谈判")));
        ok(api.as("王小明").post("/api/opportunities/" + opportunityId + "/win", null));
        long afterRest = head();

        // the scheduled job, as its schedule would run it a year on (the order leaves the window: the tier falls)
        assertThat(tierReevaluation.reevaluateAll(LocalDate.now().plusYears(1))).isGreaterThanOrEqualTo(1);
        tierReevaluation.reevaluateToday();

        List<BsonDocument> events = storedEvents();
        assertThat(events).hasSizeGreaterThan((int) afterRest);
        assertThat(events).allSatisfy(event -> assertThat(actorOf(event))
                .as("actor of %s at %s", event.getString("type").getValue(), event.get("_id"))
                .isNotBlank());
        assertThat(events.subList(0, (int) afterRest)).extracting(EveryEventHasAnActorTest::actorOf)
                // besides the REST callers: the first start creating the admin, the test set-up creating the callers
                .containsOnly("张伟", "li.na", "erp-sync", "王小明", "system:first-start", "test:setup")
                .contains("张伟", "li.na", "erp-sync", "王小明", "system:first-start", "test:setup");
        List<BsonDocument> byTheJob = events.subList((int) afterRest, events.size());
        assertThat(byTheJob).extracting(EveryEventHasAnActorTest::actorOf).containsOnly("scheduler:tier-reevaluation");
        assertThat(byTheJob).extracting(event -> event.getString("type").getValue())
                .anyMatch(type -> type.endsWith("CustomerTierChanged"));
        assertThat(byTheJob).allSatisfy(event -> assertThat(event.getDocument("metadata")
                .getString("correlationId").getValue()).startsWith("tier-reevaluation-"));
        // the win commit spans two aggregates; the customer's credit event carries the seller's name too
        assertThat(events.subList(0, (int) afterRest)).filteredOn(event -> event.getString("aggregateId").getValue()
                        .equals(customerId) && actorOf(event).equals("王小明")).isNotEmpty();
    }

    private static String created(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.body().get("id").asString();
    }

    private static void ok(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    private static String actorOf(BsonDocument event) {
        BsonValue actor = event.getDocument("metadata").get("actor");
        return actor == null || !actor.isString() ? null : actor.asString().getValue();
    }

    private long head() {
        return storedEvents().size();
    }

    /** Every event document, read by position (1, 2, … until one is missing): the log has no holes. */
    private List<BsonDocument> storedEvents() {
        List<BsonDocument> events = new ArrayList<>();
        var collection = database.getCollection("events", BsonDocument.class);
        for (long position = 1; ; position++) {
            BsonDocument event = collection.find(new BsonDocument("_id", new org.bson.BsonInt64(position))).first();
            if (event == null) {
                return events;
            }
            if (!event.getBoolean("abandoned", org.bson.BsonBoolean.FALSE).getValue()) {
                events.add(event);
            }
        }
    }
}
