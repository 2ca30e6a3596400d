package dev.kehu.command.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kehu.command.ApiClient.Response;
import dev.kehu.command.CommandApiTestSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Client mistakes get problem+json naming the field and the reason, never 500, and append nothing. */
class CustomerApiBadInputTest extends CommandApiTestSupport {

    private Response expectProblem(Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body().get("status").asInt()).isEqualTo(status);
        assertThat(response.text("field")).as(response.toString()).isEqualTo(field);
        return response;
    }

    @Test
    void refusesAMissingActorHeader() {
        long before = totalEvents();
        Response response = api.post("/api/customers", company("北京京东世纪贸易有限公司", freshCreditCode()), "X-Actor", null);
        expectProblem(response, 400, "X-Actor");
        assertThat(response.text("detail")).isEqualTo("X-Actor: required header is missing; it names the acting user");
        assertThat(totalEvents()).isEqualTo(before);
    }

    @Test
    void refusesInvalidJson() {
        long before = totalEvents();
        Response response = api.sendRaw("POST", "/api/customers", "{\"kind\": \"COMPANY\", \"chineseName\": ");
        expectProblem(response, 400, "body");
        assertThat(response.text("detail")).startsWith("body: invalid JSON");
        assertThat(totalEvents()).isEqualTo(before);
    }

    @Test
    void refusesAMissingBody() {
        expectProblem(api.sendRaw("POST", "/api/customers", ""), 400, "body");
    }

    @Test
    void refusesAnUnknownEnumValue() {
        Map<String, Object> body = company("北京京东世纪贸易有限公司", freshCreditCode());
        body.put("kind", "PARTNER");
        Response response = expectProblem(api.post("/api/customers", body), 400, "kind");
        assertThat(response.text("detail")).isEqualTo("kind: unknown value 'PARTNER'; expected one of [COMPANY, INDIVIDUAL]");
    }

    @Test
    void refusesAMissingKind() {
        Map<String, Object> body = company("北京京东世纪贸易有限公司", freshCreditCode());
        body.remove("kind");
        Response response = expectProblem(api.post("/api/customers", body), 400, "kind");
        assertThat(response.text("detail")).isEqualTo("kind: must not be null");
    }

    @Test
    void refusesOversizedText() {
        Map<String, Object> body = company("北京京东世纪贸易有限公司", freshCreditCode());
        body.put("notes", "长".repeat(5001));
        Response response = expectProblem(api.post("/api/customers", body), 400, "notes");
        assertThat(response.text("detail")).isEqualTo("notes: size must be between 0 and 5000");
    }

    @Test
    void listsEveryInvalidField() {
        Map<String, Object> body = company("北京京东世纪贸易有限公司", "not-a-code");
        body.put("email", "not an e-mail");
        Response response = expectProblem(api.post("/api/customers", body), 400, "creditCode");
        assertThat(response.body().get("errors").findValuesAsString("field")).containsExactly("creditCode", "email");
        assertThat(response.text("detail")).isEqualTo("creditCode: must be an 18-character unified social credit code");
    }

    @Test
    void refusesACompanyWithoutCreditCodeOrACustomerWithoutName() {
        Map<String, Object> body = company("北京京东世纪贸易有限公司", null);
        Response noCode = expectProblem(api.post("/api/customers", body), 400, "creditCode");
        assertThat(noCode.text("detail")).isEqualTo("creditCode: is required for a company customer");

        Response noName = expectProblem(api.post("/api/customers", map("kind", "INDIVIDUAL")), 400, "chineseName");
        assertThat(noName.text("detail")).isEqualTo("chineseName: a chineseName or a latinName is required");
    }

    @Test
    void refusesAMalformedDateOrAmountNamingTheNestedField() {
        String id = registerCompany("北京京东世纪贸易有限公司");
        Response date = expectProblem(api.post("/api/customers/" + id + "/interactions",
                map("channel", "VISIT", "occurredOn", "2026-13-45")), 400, "occurredOn");
        assertThat(date.text("detail")).startsWith("occurredOn: invalid value '2026-13-45'");

        Response amount = expectProblem(api.post("/api/customers/" + id + "/orders", map("orderNumber", "SO-1",
                "amount", "lots", "currency", "CNY", "orderedOn", "2026-11-01")), 400, "amount");
        assertThat(amount.text("detail")).contains("expected a decimal number");

        expectProblem(api.post("/api/customers/" + id + "/orders", map("orderNumber", "SO-1",
                "amount", "-5", "currency", "CNY", "orderedOn", "2026-11-01")), 400, "amount");
        expectProblem(api.post("/api/customers/" + id + "/orders", map("orderNumber", "SO-1",
                "amount", "5", "currency", "yuan", "orderedOn", "2026-11-01")), 400, "currency");
        expectProblem(api.post("/api/customers/" + id + "/contacts", map("name", "李四",
                "phones", List.of("call me"))), 400, "phones[0]");
        expectProblem(api.post("/api/customers/" + id + "/contacts", map("name", "李四",
                "tags", "ignored", "emails", "lisi@jd.example")), 400, "emails");
        assertThat(payloadsOf(id)).hasSize(1);
    }

    @Test
    void refusesAMalformedIfMatchOrIdempotencyKeyOrCorrelationId() {
        String id = registerCompany("北京京东世纪贸易有限公司");
        expectProblem(api.put("/api/customers/" + id + "/credit-rating", map("rating", "A"), "If-Match", "yesterday"),
                400, "If-Match");
        expectProblem(api.put("/api/customers/" + id + "/credit-rating", map("rating", "A"), "Idempotency-Key",
                "x".repeat(201)), 400, "Idempotency-Key");
        expectProblem(api.put("/api/customers/" + id + "/credit-rating", map("rating", "A"), "X-Correlation-Id",
                "has spaces"), 400, "X-Correlation-Id");
        expectProblem(api.put("/api/customers/" + id + "/credit-rating", map("rating", "A"), "X-Reason", "%E5%zz"),
                400, "X-Reason");
        assertThat(payloadsOf(id)).hasSize(1);
    }

    @Test
    void refusesAnUnknownCreditRating() {
        String id = registerCompany("北京京东世纪贸易有限公司");
        Response response = expectProblem(api.put("/api/customers/" + id + "/credit-rating", map("rating", "AAAA")),
                400, "rating");
        assertThat(response.text("detail")).isEqualTo("rating: unknown value 'AAAA'; expected one of [AAA, AA, A, BBB, BB, B, C]");
    }

    @Test
    void answersProblemJsonForAnUnsupportedMediaTypeAndMethod() {
        Response wrongMethod = api.send("PATCH", "/api/customers", map());
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Content-Type")).startsWith("application/problem+json");
        assertThat(wrongMethod.body().get("status").asInt()).isEqualTo(405);

        Response notJson = api.sendRaw("POST", "/api/customers", "kind=COMPANY", "Content-Type", "text/plain");
        assertThat(notJson.status()).isEqualTo(415);
        assertThat(notJson.header("Content-Type")).startsWith("application/problem+json");

        Response unknownPath = api.post("/api/customers/x/no-such-thing", map());
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.header("Content-Type")).startsWith("application/problem+json");
    }
}
