package dev.kehu.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * As of and changes end to end on the whole application (MongoDB event store, live projections): commands over
 * REST, then the customer 360 and the opportunity as they were between them, the changes between two instants in
 * words with the events that made them, and bad input.
 */
class AsOfApiTest extends WholeApplicationTest {

    Api api;
    String customerId;
    String opportunityId;
    Instant beforeRegistration;
    Instant atFirstLimit;
    long lastPosition;

    @BeforeEach
    void issueCommands() throws Exception {
        api = Api.signedIn(port, context, "张伟");
        beforeRegistration = Instant.now();
        Thread.sleep(5);
        String creditCode = "9131010" + (System.nanoTime() % 100_000_000_000L);
        creditCode = (creditCode + "00000000000").substring(0, 17) + "Y";
        Api.Response registered = api.post("/api/customers", Map.of("kind", "COMPANY",
                        "chineseName", "上海东方明珠水务有限公司", "latinName", "Shanghai Oriental Pearl Water Co., Ltd.",
                        "creditCode", creditCode, "industry", "水务 water", "region", "华东 East China"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        customerId = registered.body().get("id").asString();
        limit("500000.00", "alice");
        Thread.sleep(5);
        atFirstLimit = Instant.now();
        Thread.sleep(5);
        limit("800000.00", "李娜");
        Api.Response opened = api.post("/api/opportunities", Map.of("customerId", customerId,
                "title", "管网改造 pipe network renewal", "amount", "1200000.00", "currency", "CNY",
                "expectedCloseDate", "2027-06-30", "ownerId", "张伟"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        opportunityId = opened.body().get("id").asString();
        for (String stage : List.of("QUALIFICATION", "PROPOSAL", "BIDDING")) {
            Api.Response moved = api.post("/api/opportunities/" + opportunityId + "/stage", Map.of("stage", stage));
            assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
            lastPosition = moved.body().get("position").asLong();
        }
    }

    private void limit(String amount, String actor) {
        Api.Response limit = api.as(actor).put("/api/customers/" + customerId + "/credit-limit",
                Map.of("amount", amount, "currency", "CNY"));
        assertThat(limit.status()).as(limit.toString()).isEqualTo(200);
    }

    @Test
    void theCustomerAndTheOpportunityAsTheyWereThenAndNow() {
        Api.Response live = api.get("/api/customers/" + customerId + "/360?minPosition=" + lastPosition);
        assertThat(live.status()).as(live.toString()).isEqualTo(200);
        Api.Response now = api.get("/api/customers/" + customerId + "/360?asOf=" + enc(Instant.now().toString()));
        assertThat(now.status()).as(now.toString()).isEqualTo(200);
        assertThat(now.body()).isEqualTo(live.body());
        assertThat(now.body().get("openOpportunities").get(0).get("stage").asString()).isEqualTo("BIDDING");

        Api.Response then = api.get("/api/customers/" + customerId + "/360?asOf=" + enc(atFirstLimit.toString()));
        assertThat(then.status()).as(then.toString()).isEqualTo(200);
        assertThat(then.body().get("name").asString()).isEqualTo("上海东方明珠水务有限公司");
        assertThat(then.body().get("credit").get("limit").get("amount").decimalValue()).isEqualByComparingTo("500000.00");
        assertThat(then.body().get("openOpportunities")).isEmpty();

        Api.Response opportunity = api.get("/api/opportunities/" + opportunityId + "?minPosition=" + lastPosition);
        assertThat(opportunity.status()).as(opportunity.toString()).isEqualTo(200);
        assertThat(opportunity.body().get("stageName").asString()).isEqualTo("投标");
        assertThat(opportunity.body().get("stageHistory")).hasSize(4);
        Api.Response opportunityNow = api.get("/api/opportunities/" + opportunityId + "?asOf=" + enc(Instant.now().toString()));
        assertThat(opportunityNow.body()).isEqualTo(opportunity.body());
        long proposal = opportunity.body().get("appliedPosition").asLong() - 1;
        Api.Response atProposal = api.get("/api/opportunities/" + opportunityId + "?asOfPosition=" + proposal);
        assertThat(atProposal.body().get("stage").asString()).isEqualTo("PROPOSAL");
        assertThat(atProposal.body().get("stageName").asString()).isEqualTo("方案报价");
    }

    @Test
    void changesBetweenTwoInstantsInWordsWithTheEventsThatMadeThem() {
        api.get("/api/customers/" + customerId + "/360?minPosition=" + lastPosition);
        Api.Response changes = api.get("/api/customers/" + customerId + "/changes?from=" + enc(atFirstLimit.toString())
                + "&to=" + enc(Instant.now().toString()));
        assertThat(changes.status()).as(changes.toString()).isEqualTo(200);
        Map<String, JsonNode> byField = new LinkedHashMap<>();
        changes.body().get("changes").forEach(change -> byField.put(change.get("field").asString(), change));
        JsonNode limit = byField.get("credit.limit");
        assertThat(limit.get("before").asString()).isEqualTo("500,000.00 CNY");
        assertThat(limit.get("after").asString()).isEqualTo("800,000.00 CNY");
        assertThat(limit.get("events")).hasSize(1);
        assertThat(limit.get("events").get(0).get("type").asString()).isEqualTo("CreditLimitSet");
        assertThat(limit.get("events").get(0).get("actor").asString()).isEqualTo("李娜");
        JsonNode stage = byField.get("openOpportunities[" + opportunityId + "].stage");
        assertThat(stage.get("before").asString()).isEmpty();
        assertThat(stage.get("after").asString()).isEqualTo("投标");
        assertThat(stage.get("events")).extracting(e -> e.get("after").asString())
                .containsExactly("线索", "需求确认", "方案报价", "投标");
        assertThat(byField).doesNotContainKey("name");

        Api.Response fromTheStart = api.get("/api/customers/" + customerId + "/changes?from=" + enc(beforeRegistration.toString()));
        assertThat(fromTheStart.status()).as(fromTheStart.toString()).isEqualTo(200);
        assertThat(fromTheStart.body().get("existedAtFrom").asBoolean()).isFalse();
        assertThat(fromTheStart.body().get("changes").toString()).contains("上海东方明珠水务有限公司");
    }

    @Test
    void badMomentsAndUnknownIdsAreProblems() {
        String future = enc(Instant.now().plusSeconds(3600).toString());
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("/api/customers/" + customerId + "/changes", "from");
        bad.put("/api/customers/" + customerId + "/changes?from=last-week", "from");
        bad.put("/api/customers/" + customerId + "/changes?from=" + future, "from");
        bad.put("/api/customers/" + customerId + "/changes?fromPosition=x1", "fromPosition");
        bad.put("/api/customers/" + customerId + "/changes?from=" + enc(atFirstLimit.toString()) + "&to="
                + enc(beforeRegistration.toString()), "to");
        bad.put("/api/opportunities/" + opportunityId + "?asOf=2026-02-30T00:00:00Z", "asOf");
        bad.put("/api/opportunities/" + opportunityId + "?asOf=" + future, "asOf");
        bad.put("/api/opportunities/" + opportunityId + "?asOfPosition=" + Long.MAX_VALUE, "asOfPosition");
        bad.put("/api/customers/" + customerId + "/360?asOfPosition=1.5", "asOfPosition");
        for (Map.Entry<String, String> entry : bad.entrySet()) {
            Api.Response response = api.get(entry.getKey());
            assertThat(response.status()).as(entry.getKey() + " " + response).isEqualTo(400);
            assertThat(response.contentType()).as(entry.getKey()).startsWith("application/problem+json");
            assertThat(response.body().get("parameter").asString()).as(entry.getKey()).isEqualTo(entry.getValue());
        }
        Api.Response unknown = api.get("/api/customers/no-such-customer/changes?from=" + enc(atFirstLimit.toString()));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/opportunities/no-such-opportunity").status()).isEqualTo(404);
        assertThat(api.get("/api/opportunities/no-such-opportunity?asOf=" + enc(Instant.now().toString())).status()).isEqualTo(404);
        Api.Response early = api.get("/api/opportunities/" + opportunityId + "?asOf=" + enc(beforeRegistration.toString()));
        assertThat(early.status()).isEqualTo(404);
        assertThat(early.body().get("detail").asString()).startsWith("opportunity '" + opportunityId + "' did not exist yet at ");
        Api.Response earlyCustomer = api.get("/api/customers/" + customerId + "/360?asOf=" + enc(beforeRegistration.toString()));
        assertThat(earlyCustomer.status()).isEqualTo(404);
        assertThat(earlyCustomer.body().get("detail").asString()).contains("did not exist yet");
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
