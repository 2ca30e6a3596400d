package dev.kehu.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import com.mongodb.client.model.Filters;
import dev.kehu.command.customer.Customer;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.infra.eventstore.HashChainVerifier;
import tools.jackson.databind.JsonNode;

/**
 * The walking skeleton of issue 2 on the real application ({@link KehuApplication}): the MongoDB event
 * store on an in-memory MongoDB-wire server of this class, the test JVM's one Elasticsearch node. One
 * command over REST is stored in the event store as a readable JSON document, projected into the
 * Customer 360 view and the customers search index, and read back and found by name through the REST API.
 */
@TestPropertySource(properties = "kehu.event-store.snapshot-threshold=5")
class WalkingSkeletonTest extends WholeApplicationTest {

    private static final String JD_NAME = "北京京东世纪贸易有限公司";
    private static final String JD_LATIN = "Beijing Jingdong Century Trading Co., Ltd.";
    private static final String ACTOR = "张伟";
    private static final String REASON = "展会获客 trade fair lead";
    /** "Within a second" (docs/domain.md, Search): from the command's answer to the customer being found. */
    private static final Duration SEARCHABLE_WITHIN = Duration.ofSeconds(1);

    @Autowired
    ElasticsearchClient elasticsearch;
    @Autowired
    HashChainVerifier hashChain;
    @Autowired
    EventStore eventStore;

    Api api;

    @org.junit.jupiter.api.BeforeEach
    void client() {
        api = Api.signedIn(port, context, "e2e.reader");
    }

    @Test
    void registersACustomerThatIsStoredProjectedIntoTheViewAndFoundByNameWithinASecond() throws Exception {
        warmUpTheSearchPath();
        String correlationId = "e2e-" + UUID.randomUUID();
        Api.Response registered = api.as(ACTOR).post("/api/customers", jingdong("91110302562134916R"),
                "X-Reason", Api.headerText(REASON), "X-Correlation-Id", correlationId);
        long answeredAt = System.nanoTime();

        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String customerId = registered.body().get("id").asString();
        long position = registered.body().get("position").asLong();
        assertThat(registered.body().get("version").asLong()).isZero();
        assertThat(registered.header("ETag")).isEqualTo("\"0\"");
        assertThat(registered.header("Location")).isEqualTo("/api/customers/" + customerId);
        assertThat(registered.header("X-Correlation-Id")).isEqualTo(correlationId);

        // (c) found by its Chinese and its English name through the search endpoint, within a second: a search
        // sent at most a second after the command answered finds it (the search's own duration is query latency)
        Found found = searchUntilFound("京东", customerId);
        Duration searchable = Duration.ofNanos(found.sentAt() - answeredAt);
        assertThat(searchable).as("found by a search sent %s after the command answered", searchable)
                .isLessThanOrEqualTo(SEARCHABLE_WITHIN);
        JsonNode hit = hit(found.response().body(), customerId);
        assertThat(hit.get("name").asString()).isEqualTo(JD_NAME);
        assertThat(hit.get("latinName").asString()).isEqualTo(JD_LATIN);
        assertThat(hit.get("kind").asString()).isEqualTo("COMPANY");
        assertThat(hit.get("region").asString()).isEqualTo("华北 North China");
        assertThat(hit.get("lifecycle").asString()).isEqualTo("PROSPECT");
        assertThat(hit.get("highlights").toString()).contains("<em>京东</em>");
        Api.Response byLatinName = api.get("/api/search/customers?size=100&q=" + Api.query("Jingdong Century"));
        assertThat(byLatinName.status()).isEqualTo(200);
        assertThat(hit(byLatinName.body(), customerId)).as(byLatinName.toString()).isNotNull();

        // ... and the search document itself is in the customers index
        GetResponse<Map> document = elasticsearch.get(get -> get.index("customers").id(customerId), Map.class);
        assertThat(document.found()).isTrue();
        assertThat(document.source()).containsEntry("customerId", customerId).containsEntry("name", JD_NAME)
                .containsEntry("latinName", JD_LATIN).containsEntry("merged", false);

        // (a) the event is a readable JSON document in the event store, at the position the command returned
        BsonDocument event = database.getCollection("events", BsonDocument.class)
                .find(Filters.eq("_id", position)).first();
        assertThat(event).as("event at position %d", position).isNotNull();
        assertThat(event.getString("aggregateType").getValue()).isEqualTo("Customer");
        assertThat(event.getString("aggregateId").getValue()).isEqualTo(customerId);
        assertThat(event.getInt64("seq").getValue()).isZero();
        assertThat(event.getString("type").getValue()).isEqualTo(CustomerRegistered.class.getName());
        assertThat(event.getString("revision").getValue()).isEqualTo("1");
        assertThat(event.isDateTime("timestamp")).isTrue();
        assertThat(Instant.ofEpochMilli(event.getDateTime("timestamp").getValue()))
                .isBetween(Instant.now().minusSeconds(120), Instant.now());
        BsonDocument payload = event.getDocument("payload");
        assertThat(payload.getString("customerId").getValue()).isEqualTo(customerId);
        assertThat(payload.getString("kind").getValue()).isEqualTo("COMPANY");
        assertThat(payload.getDocument("profile").getString("chineseName").getValue()).isEqualTo(JD_NAME);
        assertThat(payload.getDocument("profile").getString("latinName").getValue()).isEqualTo(JD_LATIN);
        BsonDocument metadata = event.getDocument("metadata");
        assertThat(metadata.getString("actor").getValue()).isEqualTo(ACTOR);
        assertThat(metadata.getString("reason").getValue()).isEqualTo(REASON);
        assertThat(metadata.getString("correlationId").getValue()).isEqualTo(correlationId);
        String causationId = metadata.getString("causationId").getValue();
        assertThat(causationId).isNotBlank().isNotEqualTo(correlationId).isNotEqualTo(event.getString("eventId").getValue());
        assertThat(event.getString("prevHash").getValue()).isEmpty();
        assertThat(event.getString("hash").getValue()).matches("[0-9a-f]{64}");
        assertThat(hashChain.verify(customerId).ok()).isTrue();

        // (b) the Customer 360 view, read back through the query API once it has reached the command's position
        Api.Response view = api.get("/api/customers/" + customerId + "/360?minPosition=" + position);
        assertThat(view.status()).as(view.toString()).isEqualTo(200);
        assertThat(view.header("Kehu-View-Stale")).isEqualTo("false");
        assertThat(Long.parseLong(view.header("Kehu-View-Position"))).isGreaterThanOrEqualTo(position);
        JsonNode body = view.body();
        assertThat(body.get("customerId").asString()).isEqualTo(customerId);
        assertThat(body.get("kind").asString()).isEqualTo("COMPANY");
        assertThat(body.get("name").asString()).isEqualTo(JD_NAME);
        assertThat(body.get("chineseName").asString()).isEqualTo(JD_NAME);
        assertThat(body.get("latinName").asString()).isEqualTo(JD_LATIN);
        assertThat(body.get("creditCode").asString()).isEqualTo("91110302562134916R");
        assertThat(body.get("region").asString()).isEqualTo("华北 North China");
        assertThat(body.get("lifecycle").asString()).isEqualTo("PROSPECT");
        assertThat(body.get("tier").asString()).isEqualTo("NONE");
        assertThat(body.get("contacts").isEmpty()).isTrue();
        assertThat(Instant.parse(body.get("registeredAt").asString()))
                .isEqualTo(Instant.ofEpochMilli(event.getDateTime("timestamp").getValue()));
    }

    @Test
    void answersAStaleIfMatchWith409ProblemJsonAndAppendsNothing() {
        String customerId = api.as("lina").post("/api/customers", jingdong("91110105MA01ABCD2X"))
                .body().get("id").asString();
        Api.Response assigned = api.as("lina").put("/api/customers/" + customerId + "/account-manager",
                Map.of("accountManager", "王芳"), "If-Match", "\"0\"");
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        assertThat(assigned.body().get("version").asLong()).isEqualTo(1);

        Api.Response stale = api.as("lina").put("/api/customers/" + customerId + "/account-manager",
                Map.of("accountManager", "李娜", "reason", "区域调整 territory change"), "If-Match", "\"0\"");

        assertThat(stale.status()).as(stale.toString()).isEqualTo(409);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        assertThat(stale.body().get("status").asInt()).isEqualTo(409);
        assertThat(stale.body().get("expectedVersion").asLong()).isZero();
        assertThat(stale.body().get("currentVersion").asLong()).isEqualTo(1);
        assertThat(stale.body().get("detail").asString()).contains(customerId);
        assertThat(database.getCollection("events").countDocuments(Filters.eq("aggregateId", customerId))).isEqualTo(2);
        assertThat(hashChain.verify(customerId).ok()).isTrue();
    }

    @Test
    void snapshotsACustomerAfterEnoughEventsAndStillLoadsIt() {
        String customerId = api.as("lina").post("/api/customers", jingdong("91110108MA00XYHW3K"))
                .body().get("id").asString();
        long version = 0;
        for (int i = 1; i <= 6; i++) {
            Api.Response changed = api.as("lina").put("/api/customers/" + customerId + "/profile",
                    Map.of("chineseName", JD_NAME, "latinName", JD_LATIN, "creditCode", "91110108MA00XYHW3K",
                            "region", "华北 North China", "notes", "第" + i + "次拜访 visit " + i),
                    "If-Match", "\"" + version + "\"");
            assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
            version = changed.body().get("version").asLong();
        }
        assertThat(version).isEqualTo(6);

        // threshold 5: a snapshot of the Customer is stored (after the commit that crossed it)
        BsonDocument snapshot = await(() -> database.getCollection("snapshots", BsonDocument.class)
                .find(Filters.eq("_id", customerId)).first(), found -> found != null);
        assertThat(snapshot.getString("aggregateType").getValue()).isEqualTo("Customer");
        long snapshotSeq = snapshot.getInt64("seq").getValue();
        assertThat(snapshotSeq).isBetween(4L, 6L);
        assertThat(snapshot.getDocument("payload").toJson()).contains(customerId).contains(JD_NAME);

        // loading starts from the snapshot, then the events after it
        DomainEventMessage<?> first = eventStore.readEvents(customerId).next();
        assertThat(first.getPayloadType()).isEqualTo(Customer.class);
        assertThat(first.getSequenceNumber()).isEqualTo(snapshotSeq);

        // ... and the loaded Customer still has its state: version and account manager rules hold
        Api.Response assigned = api.as("lina").put("/api/customers/" + customerId + "/account-manager",
                Map.of("accountManager", "王芳"), "If-Match", "\"6\"");
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        assertThat(assigned.body().get("version").asLong()).isEqualTo(7);
        Api.Response again = api.as("lina").put("/api/customers/" + customerId + "/account-manager",
                Map.of("accountManager", "王芳"));
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        Api.Response view = api.get("/api/customers/" + customerId + "/360?minPosition="
                + assigned.body().get("position").asLong());
        assertThat(view.body().get("notes").asString()).isEqualTo("第6次拜访 visit 6");
        assertThat(view.body().get("accountManager").asString()).isEqualTo("王芳");
        assertThat(hashChain.verify(customerId).ok()).isTrue();
        assertThat(hashChain.verify(customerId).eventsChecked()).isEqualTo(8);
    }

    @Test
    void snapshotsAnOpportunityAfterEnoughEventsAndStillLoadsIt() {
        String customerId = api.as("lina").post("/api/customers", jingdong("91110105MA01QRWT4U"))
                .body().get("id").asString();
        Api.Response opened = api.as("王芳").post("/api/opportunities", Map.of("customerId", customerId,
                "title", "华北仓储系统 warehouse system", "amount", 800000, "currency", "CNY",
                "expectedCloseDate", "2027-03-31", "ownerId", "王芳"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String opportunityId = opened.body().get("id").asString();
        long version = 0;
        for (int i = 1; i <= 5; i++) {
            Api.Response changed = api.as("王芳").put("/api/opportunities/" + opportunityId + "/amount",
                    Map.of("amount", 800000 + i * 10000, "currency", "CNY"), "If-Match", "\"" + version + "\"");
            assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
            version = changed.body().get("version").asLong();
        }

        BsonDocument snapshot = await(() -> database.getCollection("snapshots", BsonDocument.class)
                .find(Filters.eq("_id", opportunityId)).first(), found -> found != null);
        assertThat(snapshot.getString("aggregateType").getValue()).isEqualTo("Opportunity");
        DomainEventMessage<?> first = eventStore.readEvents(opportunityId).next();
        assertThat(first.getPayloadType()).isEqualTo(dev.kehu.command.opportunity.Opportunity.class);

        // loaded from the snapshot, the opportunity still knows its version and that it is open, then closed
        Api.Response lost = api.as("王芳").post("/api/opportunities/" + opportunityId + "/lose",
                Map.of("reason", "价格 price", "competitor", "甲公司"), "If-Match", "\"" + version + "\"");
        assertThat(lost.status()).as(lost.toString()).isEqualTo(200);
        assertThat(lost.body().get("version").asLong()).isEqualTo(version + 1);
        Api.Response afterClose = api.as("王芳").put("/api/opportunities/" + opportunityId + "/amount",
                Map.of("amount", 900000, "currency", "CNY"));
        assertThat(afterClose.status()).as(afterClose.toString()).isEqualTo(409);
        assertThat(afterClose.body().get("rule").asString()).isEqualTo("opportunity-already-closed");
        assertThat(hashChain.verify(opportunityId).ok()).isTrue();
    }

    @Test
    void aSearchWithTheCommandsPositionFindsTheNewCustomerOnTheFirstTry() throws Exception {
        Api.Response registered = api.as("lina").post("/api/customers", Map.of("kind", "INDIVIDUAL",
                "chineseName", "欧阳晓峰", "mobile", "+852 2345 6789 转 801", "region", "华南 South China"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String customerId = registered.body().get("id").asString();
        long position = registered.body().get("position").asLong();

        Api.Response found = api.get("/api/search/customers?q=" + Api.query("2345 6789") + "&minPosition=" + position);

        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(hit(found.body(), customerId)).as(found.toString()).isNotNull();
        assertThat(Long.parseLong(found.header("Kehu-View-Position"))).isGreaterThanOrEqualTo(position);
        assertThat(found.header("Kehu-View-Stale")).isEqualTo("false");
        Api.Response suggested = api.get("/api/search/suggest?q=" + Api.query("欧阳晓"));
        assertThat(suggested.status()).as(suggested.toString()).isEqualTo(200);
        assertThat(suggested.body().get("suggestions").toString()).contains(customerId);
    }

    private static Map<String, Object> jingdong(String creditCode) {
        return Map.of("kind", "COMPANY", "chineseName", JD_NAME, "latinName", JD_LATIN, "creditCode", creditCode,
                "mobile", "138-0013-8000", "industry", "零售 retail", "region", "华北 North China",
                "tags", java.util.List.of("大客户", "key account"));
    }

    /**
     * The first event after start-up pays for class loading and cold caches on the search path (2–3 s on a
     * loaded 2-core machine); "within a second" is about a running application, so one customer goes first.
     */
    private void warmUpTheSearchPath() {
        Api.Response first = api.as("lina").post("/api/customers", Map.of("kind", "INDIVIDUAL", "chineseName", "欧阳娜娜",
                "latinName", "Ouyang Nana", "mobile", "+86 139 1000 2000"));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        searchUntilFound("欧阳娜娜", first.body().get("id").asString());
    }

    record Found(long sentAt, Api.Response response) {
    }

    /** Searches until the customer is among the hits (bounded: 30 s); remembers when the finding search was sent. */
    private Found searchUntilFound(String text, String customerId) {
        return await(() -> {
            long sentAt = System.nanoTime();
            return new Found(sentAt, api.get("/api/search/customers?size=100&q=" + Api.query(text)));
        }, found -> found.response().status() == 200 && hit(found.response().body(), customerId) != null);
    }

    private static JsonNode hit(JsonNode result, String customerId) {
        for (JsonNode hit : result.get("hits")) {
            if (customerId.equals(hit.get("customerId").asString())) {
                return hit;
            }
        }
        return null;
    }

    /** Polls every 20 ms until the condition holds; gives up after 30 s (the caller asserts any tighter bound). */
    private static <T> T await(Supplier<T> probe, Predicate<T> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        T value = probe.get();
        while (!condition.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 30 s; last value: " + value);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            value = probe.get();
        }
        return value;
    }
}
