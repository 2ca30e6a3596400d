package dev.kehu.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kehu.e2e.WholeApplicationTest;
import dev.kehu.infra.security.TestUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes every endpoint of the whole application ({@link KehuApplication}, real MongoDB-wire server and
 * Elasticsearch) with {@value #REQUESTS} seeded malformed requests from {@link BadRequests}: bodies, content
 * types, headers, path variables, query parameters, methods and Accept headers. Expects no 5xx, every
 * error answered {@code application/problem+json} with its status and a {@code code}, no non-read request
 * accepted, and the event log's head unmoved.
 */
class EveryEndpointFuzzTest extends WholeApplicationTest {

    static final int REQUESTS = 2_400;
    static final long SEED = 20261207L;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    String authorization;

    @Test
    void noMalformedRequestGetsA5xxOrAnythingButProblemJsonOrChangesTheLog() throws Exception {
        authorization = TestUsers.everything(context, "fuzz.tester");
        Map<String, String> ids = seed();
        List<Endpoint> endpoints = Endpoint.discover(context);
        assertThat(endpoints).extracting(e -> e.method() + " " + e.path())
                .contains("POST /api/customers", "PUT /api/customers/{customerId}/credit-limit",
                        "GET /api/risk/overdue-invoices", "GET /api/search/customers", "GET /api/reports/opportunities");
        List<BadRequest> requests = BadRequests.generate(SEED, REQUESTS, endpoints, ids, authorization);
        assertThat(BadRequests.generate(SEED, REQUESTS, endpoints, ids, authorization)).extracting(BadRequest::describe)
                .as("seeded: the same requests every run").isEqualTo(requests.stream().map(BadRequest::describe).toList());

        long eventsBefore = events();
        URI base = URI.create("http://127.0.0.1:" + port);
        List<String> failures = new ArrayList<>();
        Map<String, Integer> statuses = new TreeMap<>();
        Map<String, Integer> perCategory = new TreeMap<>();
        long started = System.nanoTime();
        for (BadRequest request : requests) {
            RawHttp.Answer answer = RawHttp.send(base, request, Duration.ofSeconds(30));
            statuses.merge(String.valueOf(answer.status()), 1, Integer::sum);
            perCategory.merge(request.category(), 1, Integer::sum);
            String problem = check(request, answer);
            if (problem != null) {
                failures.add(problem + " <- " + request.describe() + " -> " + answer.status() + " "
                        + answer.contentType() + " " + abbreviate(answer.bodyText()));
            }
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        System.out.printf("fuzz: %d requests over %d endpoints in %d s; statuses %s; categories %s%n",
                requests.size(), endpoints.size(), seconds, statuses, perCategory);

        assertThat(failures).as(failures.size() + " failures, the first ones").isEmpty();
        assertThat(events()).as("the event log's head did not move").isEqualTo(eventsBefore);
        assertThat(perCategory.keySet()).contains("malformed-json", "wrong-type", "extreme-number", "extreme-date",
                "lone-surrogate", "huge-value", "deep-nesting", "content-type", "header", "path", "query", "method");
        assertThat(seconds).isLessThan(120);
    }

    /** Null when the answer is right for a bad request, else what is wrong with it. */
    private static String check(BadRequest request, RawHttp.Answer answer) {
        if (answer.status() >= 500) {
            return "server error";
        }
        if (answer.status() < 400) {
            return request.mustFail() ? "accepted" : null;
        }
        if (!answer.contentType().startsWith("application/problem+json")) {
            return "not problem+json";
        }
        if (request.method().equals("HEAD")) {
            return null;
        }
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (RuntimeException e) {
            return "unreadable problem";
        }
        if (body == null || !body.isObject() || body.path("status").asInt() != answer.status()) {
            return "problem status differs";
        }
        if (body.path("code").asString("").isBlank() || body.path("type").asString("").isBlank()) {
            return "problem without code or type";
        }
        return null;
    }

    private long events() {
        return database.getCollection("events").countDocuments();
    }

    /** A customer with a contact, a follow-up and a complaint, and an opportunity: real ids for the paths. */
    private Map<String, String> seed() throws Exception {
        Map<String, String> ids = new LinkedHashMap<>();
        JsonNode customer = post("/api/customers", Map.of("kind", "COMPANY", "chineseName", "杭州西湖茶叶有限公司",
                "latinName", "Hangzhou West Lake Tea Co., Ltd.", "creditCode", "91330100MA27XY1234", "region", "华东"));
        String customerId = customer.get("id").asString();
        ids.put("customerId", customerId);
        ids.put("contactId", post("/api/customers/" + customerId + "/contacts",
                Map.of("name", "陈静 Chen Jing", "phones", List.of("0571-8888 6666 转 801"))).get("contactId").asString());
        ids.put("followUpId", post("/api/customers/" + customerId + "/interactions", Map.of("channel", "VISIT",
                "occurredOn", "2026-11-20", "nextFollowUpOn", "2026-12-20")).get("followUpId").asString());
        ids.put("complaintId", post("/api/customers/" + customerId + "/complaints",
                Map.of("subject", "发货延迟 late delivery")).get("complaintId").asString());
        ids.put("opportunityId", post("/api/opportunities", Map.of("customerId", customerId, "title", "龙井年度采购 annual order",
                "amount", "120000.00", "currency", "CNY", "expectedCloseDate", "2027-03-31", "ownerId", "li.na")).get("id").asString());
        ids.put("manager", "li.na");
        ids.put("section", "overdue-follow-ups");
        return ids;
    }

    private JsonNode post(String path, Object body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isBetween(200, 201);
        return JSON.readTree(response.body());
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
