package dev.kehu.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.bson.BsonDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.kehu.infra.audit.proof.MerkleHash;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit API end to end on the whole application: commands over REST, then their history (JSON, CSV, NDJSON),
 * the hash chain of one aggregate, the digest and its consistency, a verification job, and bad input.
 */
class AuditApiTest extends WholeApplicationTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    Api api;
    String customerId;
    String opportunityId;
    String nonce = java.util.UUID.randomUUID().toString();

    @BeforeEach
    void issueCommands() {
        api = Api.signedIn(port, context, "auditor.chen");
        String creditCode = "9111010" + (System.nanoTime() % 100_000_000_000L);
        creditCode = (creditCode + "00000000000").substring(0, 17) + "X";
        Api.Response registered = api.as("张伟").post("/api/customers", Map.of("kind", "COMPANY",
                        "chineseName", "深圳市腾讯计算机系统有限公司", "latinName", "Shenzhen Tencent Computer Systems",
                        "creditCode", creditCode, "industry", "互联网 internet", "region", "华南 South China"),
                "X-Reason", Api.headerText("展会获客 trade fair"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        customerId = registered.body().get("id").asString();
        for (String amount : List.of("500000.00", "800000.00")) {
            Api.Response limit = api.as("alice").put("/api/customers/" + customerId + "/credit-limit",
                    Map.of("amount", amount, "currency", "CNY"),
                    "X-Reason", Api.headerText("年度授信 annual review"), "X-Correlation-Id", "corr-" + amount + "-" + nonce);
            assertThat(limit.status()).as(limit.toString()).isEqualTo(200);
        }
        Api.Response opened = api.as("张伟").post("/api/opportunities", Map.of("customerId", customerId,
                "title", "企业微信部署 WeCom rollout", "amount", "1200000.00", "currency", "CNY",
                "expectedCloseDate", "2027-06-30", "ownerId", "张伟"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        opportunityId = opened.body().get("id").asString();
        for (String stage : List.of("QUALIFICATION", "PROPOSAL", "BIDDING")) {
            Api.Response moved = api.as("张伟").post("/api/opportunities/" + opportunityId + "/stage", Map.of("stage", stage));
            assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        }
    }

    @Test
    void listsTheHistoryWithChangesInWords() {
        Api.Response history = api.get("/api/customers/" + customerId + "/history");

        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        JsonNode entries = history.body().get("entries");
        assertThat(entries).hasSize(3);
        assertThat(entries.get(0).get("type").asString()).isEqualTo("CustomerRegistered");
        assertThat(entries.get(0).get("actor").asString()).isEqualTo("张伟");
        assertThat(entries.get(0).get("reason").asString()).isEqualTo("展会获客 trade fair");
        JsonNode raised = entries.get(2);
        assertThat(raised.get("seq").asLong()).isEqualTo(2);
        assertThat(raised.get("position").asLong()).isGreaterThan(entries.get(1).get("position").asLong());
        assertThat(raised.get("correlationId").asString()).isEqualTo("corr-800000.00-" + nonce);
        assertThat(raised.get("causationId").asString()).isNotBlank();
        assertThat(raised.get("changes").get(0).get("field").asString()).isEqualTo("creditLimit");
        assertThat(raised.get("changes").get(0).get("before").asString()).isEqualTo("500,000.00 CNY");
        assertThat(raised.get("changes").get(0).get("after").asString()).isEqualTo("800,000.00 CNY");

        JsonNode stages = api.get("/api/opportunities/" + opportunityId + "/history?type=OpportunityStageChanged")
                .body().get("entries");
        assertThat(stages).hasSize(3);
        assertThat(stages.get(2).get("changes").toString()).contains("\"before\":\"方案报价\",\"after\":\"投标\"");

        Api.Response page = api.get("/api/customers/" + customerId + "/history?limit=2");
        assertThat(page.body().get("entries")).hasSize(2);
        assertThat(page.body().get("nextCursor").asString()).isEqualTo("2");
        assertThat(api.get("/api/customers/" + customerId + "/history?actor=alice").body().get("entries")).hasSize(2);
    }

    @Test
    void streamsTheHistoryAsCsvWithAByteOrderMarkAndAsNdjson() throws Exception {
        HttpResponse<byte[]> csv = get("/api/customers/" + customerId + "/history", "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        byte[] body = csv.body();
        assertThat(new byte[]{body[0], body[1], body[2]}).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(body, 3, body.length - 3, java.nio.charset.StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).isEqualTo("position,seq,timestamp,type,actor,reason,correlationId,causationId,"
                + "field,before,after");
        assertThat(text).contains("profile.chineseName,,深圳市腾讯计算机系统有限公司");
        assertThat(text).contains("creditLimit,\"500,000.00 CNY\",\"800,000.00 CNY\"");

        HttpResponse<byte[]> ndjson = get("/api/opportunities/" + opportunityId + "/history", "application/x-ndjson");
        assertThat(ndjson.statusCode()).isEqualTo(200);
        List<String> records = new String(ndjson.body(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertThat(records).hasSize(4);
        assertThat(JSON.readTree(records.get(3)).get("changes").toString()).contains("投标");
    }

    @Test
    void answersUnknownIdsWith404AndMalformedParametersWith400NamingThem() throws Exception {
        Api.Response unknown = api.get("/api/customers/no-such-customer/history");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body().get("id").asString()).isEqualTo("no-such-customer");
        assertThat(api.get("/api/opportunities/" + customerId + "/history").status()).isEqualTo(404);
        assertThat(api.get("/api/audit/verification/customers/no-such-customer").status()).isEqualTo(404);
        assertThat(api.get("/api/audit/verifications/no-such-job").status()).isEqualTo(404);
        HttpResponse<byte[]> unknownCsv = get("/api/customers/no-such-customer/history", "text/csv");
        assertThat(unknownCsv.statusCode()).isEqualTo(404);

        for (String[] bad : new String[][]{{"/api/customers/" + customerId + "/history?from=yesterday", "from"},
                {"/api/customers/" + customerId + "/history?to=2026-13-01T00:00:00Z", "to"},
                {"/api/customers/" + customerId + "/history?cursor=-1", "cursor"},
                {"/api/customers/" + customerId + "/history?limit=0", "limit"},
                {"/api/audit/digest/consistency?position=abc&hash=" + "00".repeat(32), "position"},
                {"/api/audit/digest/consistency?position=0&hash=" + "00".repeat(32), "position"},
                {"/api/audit/digest/consistency?position=1&hash=xyz", "hash"},
                {"/api/audit/digest/consistency?hash=" + "00".repeat(32), "position"}}) {
            Api.Response response = api.get(bad[0]);
            assertThat(response.status()).as(bad[0]).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.body().get("parameter").asString()).as(bad[0]).isEqualTo(bad[1]);
        }
        HttpResponse<byte[]> badCsv = get("/api/customers/" + customerId + "/history?from=x", "text/csv");
        assertThat(badCsv.statusCode()).isEqualTo(400);
    }

    @Test
    void provesTheLogWithADigestAChainCheckAndAVerificationJobAndNamesATamperedEvent() throws Exception {
        JsonNode chain = api.get("/api/audit/verification/customers/" + customerId).body();
        assertThat(chain.get("ok").asBoolean()).as(chain.toString()).isTrue();
        assertThat(chain.get("eventsChecked").asLong()).isEqualTo(3);

        JsonNode digest = api.get("/api/audit/digest").body();
        long position = digest.get("position").asLong();
        String root = digest.get("rootHash").asString();
        assertThat(position).isGreaterThanOrEqualTo(7);
        api.as("bob").post("/api/opportunities/" + opportunityId + "/stage", Map.of("stage", "NEGOTIATION"));

        JsonNode consistency = api.get("/api/audit/digest/consistency?position=" + position + "&hash=" + root).body();
        assertThat(consistency.get("consistent").asBoolean()).as(consistency.toString()).isTrue();
        long current = consistency.get("currentPosition").asLong();
        assertThat(current).isGreaterThan(position);
        List<byte[]> proof = consistency.get("proof").valueStream().map(node -> HEX.parseHex(node.asString())).toList();
        assertThat(MerkleHash.verifyConsistency(position, current, HEX.parseHex(root),
                HEX.parseHex(consistency.get("currentHash").asString()), proof)).isTrue();

        Api.Response started = api.post("/api/audit/verifications", null);
        assertThat(started.status()).isEqualTo(202);
        JsonNode job = waitForJob(started.header("Location"));
        assertThat(job.get("ok").asBoolean()).as(job.toString()).isTrue();
        assertThat(job.get("progress").asDouble()).isEqualTo(1.0);

        // tamper: the stored credit limit of the customer's event 2 changes from 800,000 to 900,000
        long tampered = database.getCollection("events", BsonDocument.class)
                .find(new BsonDocument("aggregateId", new org.bson.BsonString(customerId))
                        .append("seq", new org.bson.BsonInt64(2))).first().getNumber("_id").longValue();
        database.getCollection("events").updateOne(Filters.eq("_id", tampered),
                Updates.set("payload.limit.amount", new org.bson.types.Decimal128(new java.math.BigDecimal("900000.00"))));

        JsonNode broken = api.get("/api/audit/verification/customers/" + customerId).body();
        assertThat(broken.get("ok").asBoolean()).isFalse();
        assertThat(broken.get("firstProblem").get("position").asLong()).isEqualTo(tampered);
        assertThat(broken.get("firstProblem").get("seq").asLong()).isEqualTo(2);
        JsonNode afterTamper = api.get("/api/audit/digest/consistency?position=" + position + "&hash=" + root).body();
        assertThat(afterTamper.get("consistent").asBoolean()).isFalse();
        assertThat(afterTamper.get("firstDifferingPosition").asLong()).isEqualTo(tampered);
        JsonNode failed = waitForJob(api.post("/api/audit/verifications", null).header("Location"));
        assertThat(failed.get("ok").asBoolean()).isFalse();
        assertThat(failed.get("firstProblem").get("position").asLong()).isEqualTo(tampered);
        assertThat(failed.get("firstProblem").get("kind").asString()).isEqualTo("altered");
    }

    @Test
    void listsWhatOnePersonDidAndWhatOneRequestCausedFromTheIndexes() throws Exception {
        String path = "/api/audit/actors/" + Api.query("张伟") + "/events";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<JsonNode> mine = List.of();
        while (mine.size() < 5 && System.nanoTime() < deadline) { // the index trails the log
            Thread.sleep(100);
            mine = api.get(path + "?limit=1000").body().get("entries").valueStream()
                    .filter(entry -> List.of(customerId, opportunityId).contains(entry.get("aggregateId").asString()))
                    .toList();
        }
        assertThat(mine).extracting(entry -> entry.get("type").asString()).containsExactly("CustomerRegistered",
                "OpportunityOpened", "OpportunityStageChanged", "OpportunityStageChanged", "OpportunityStageChanged");
        assertThat(mine).extracting(entry -> entry.get("position").asLong()).isSorted();
        assertThat(mine.get(0).get("aggregateType").asString()).isEqualTo("Customer");

        JsonNode caused = api.get("/api/audit/correlations/corr-800000.00-" + nonce).body();
        assertThat(caused.get("entries")).hasSize(1);
        assertThat(caused.get("entries").get(0).get("aggregateId").asString()).isEqualTo(customerId);
        assertThat(caused.get("entries").get(0).get("actor").asString()).isEqualTo("alice");
        assertThat(caused.get("entries").get(0).get("seq").asLong()).isEqualTo(2);

        Api.Response badCursor = api.get(path + "?cursor=abc");
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.body().get("parameter").asString()).isEqualTo("cursor");
        assertThat(api.get(path + "?from=nope").body().get("parameter").asString()).isEqualTo("from");
    }

    private JsonNode waitForJob(String location) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode job = api.get(location).body();
        while (!job.get("status").asString().equals("done") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            job = api.get(location).body();
        }
        return job;
    }

    private HttpResponse<byte[]> get(String path, String accept) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", accept).header("Authorization", api.authorization()).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
