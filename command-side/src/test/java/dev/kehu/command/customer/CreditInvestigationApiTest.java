package dev.kehu.command.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kehu.command.ApiClient.Response;
import dev.kehu.command.CommandApiTestSupport;
import dev.kehu.events.Money;
import dev.kehu.events.customer.credit.CreditInvestigationRecorded;
import dev.kehu.events.customer.credit.CreditLimitSet;
import dev.kehu.events.customer.credit.CreditRating;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Credit investigations over HTTP and the credit review rule with its default settings (above 5 000 000 CNY or
 * more than double the current limit needs an investigation of the last 12 months): bodies, refusals, events.
 */
class CreditInvestigationApiTest extends CommandApiTestSupport {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of(CustomerProperties.DEFAULT_ZONE));

    private Response investigate(String id, Map<String, Object> body) {
        return api.post("/api/customers/" + id + "/credit-investigations", body);
    }

    private static Map<String, Object> investigation(LocalDate on) {
        return map("sources", List.of(" 人民银行征信报告 ", "Dun & Bradstreet report"),
                "findings", "近三年按时回款 paid on time for three years", "evaluation", "经营稳健 sound business",
                "proposedRating", "AA", "investigatedOn", on == null ? null : on.toString());
    }

    @Test
    void recordsAnInvestigationByTheCallerOnTodayByDefault() {
        String id = registerCompany("北京京东世纪贸易有限公司");
        Response recorded = investigate(id, investigation(null));
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        String investigationId = recorded.text("investigationId");
        assertThat(investigationId).isNotBlank();
        assertThat(payloadsOf(id).get(payloadsOf(id).size() - 1)).isEqualTo(new CreditInvestigationRecorded(id,
                investigationId, List.of("人民银行征信报告", "Dun & Bradstreet report"),
                "近三年按时回款 paid on time for three years", "经营稳健 sound business", CreditRating.AA, "zhangsan",
                TODAY));

        Map<String, Object> byWangFang = investigation(TODAY.minusDays(3));
        byWangFang.put("investigatedBy", "王芳 Wang Fang");
        Response second = investigate(id, byWangFang);
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        CreditInvestigationRecorded last = (CreditInvestigationRecorded) payloadsOf(id).get(payloadsOf(id).size() - 1);
        assertThat(last.investigatedBy()).isEqualTo("王芳 Wang Fang");
        assertThat(last.investigatedOn()).isEqualTo(TODAY.minusDays(3));
    }

    @Test
    void aGivenInvestigationIdIsIdempotentWithTheSameContentAndAConflictWithOther() {
        String id = registerCompany("Shenzhen Huaqiang Electronics Co., Ltd.");
        Map<String, Object> body = investigation(TODAY.minusDays(1));
        body.put("investigationId", " 资信-2026-017 ");
        Response recorded = investigate(id, body);
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        assertThat(recorded.text("investigationId")).isEqualTo("资信-2026-017");
        long before = totalEvents();
        Response again = investigate(id, body);
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.text("investigationId")).isEqualTo("资信-2026-017");
        assertThat(totalEvents()).as("the same investigation again appends nothing").isEqualTo(before);

        body.put("proposedRating", "B");
        Response conflict = investigate(id, body);
        assertThat(conflict.status()).as(conflict.toString()).isEqualTo(409);
        assertThat(conflict.text("field")).isEqualTo("investigationId");
        assertThat(conflict.text("number")).isEqualTo("资信-2026-017");
        assertThat(conflict.text("detail")).contains("already recorded with different content");
        assertThat(totalEvents()).isEqualTo(before);
        CreditInvestigationRecorded kept = (CreditInvestigationRecorded) payloadsOf(id).get(payloadsOf(id).size() - 1);
        assertThat(kept.proposedRating()).isEqualTo(CreditRating.AA);
    }

    @Test
    void refusesALargeLimitWithoutARecentInvestigationNamingTheRuleAndTheFigures() {
        String id = registerCompany("上海金山石化贸易有限公司");
        assertThat(api.put("/api/customers/" + id + "/credit-limit", map("amount", "2000000", "currency", "CNY"))
                .status()).as("up to the amount, the first limit needs none").isEqualTo(200);
        long before = totalEvents();

        Response refused = api.put("/api/customers/" + id + "/credit-limit", map("amount", "4000000.01", "currency", "CNY"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.text("code")).isEqualTo("credit-investigation-required");
        assertThat(refused.text("rule")).isEqualTo("credit-investigation");
        assertThat(refused.text("threshold")).isEqualTo("share");
        assertThat(refused.body().get("currentLimit").decimalValue()).isEqualByComparingTo("2000000");
        assertThat(refused.body().get("requested").decimalValue()).isEqualByComparingTo("4000000.01");
        assertThat(refused.body().get("thresholdAmount").decimalValue()).isEqualByComparingTo("5000000");
        assertThat(refused.body().get("thresholdShare").decimalValue()).isEqualByComparingTo("1");
        assertThat(refused.body().get("maxAgeMonths").asInt()).isEqualTo(12);
        assertThat(refused.body().get("latestInvestigationOn").isNull()).isTrue();
        assertThat(refused.text("oldestAcceptedOn")).isEqualTo(TODAY.minusMonths(12).toString());
        assertThat(refused.text("detail")).contains("needs a credit investigation dated " + TODAY.minusMonths(12));

        assertThat(investigate(id, investigation(TODAY.minusMonths(12).minusDays(1))).status()).isEqualTo(201);
        Response tooOld = api.put("/api/customers/" + id + "/credit-limit", map("amount", "6000000", "currency", "CNY"));
        assertThat(tooOld.status()).as(tooOld.toString()).isEqualTo(422);
        assertThat(tooOld.text("threshold")).isEqualTo("amount");
        assertThat(tooOld.text("latestInvestigationOn")).isEqualTo(TODAY.minusMonths(12).minusDays(1).toString());
        assertThat(totalEvents()).as("only the investigation was appended").isEqualTo(before + 1);

        assertThat(investigate(id, investigation(TODAY.minusMonths(12))).status()).isEqualTo(201);
        Response raised = api.put("/api/customers/" + id + "/credit-limit", map("amount", "6000000", "currency", "CNY"));
        assertThat(raised.status()).as(raised.toString()).isEqualTo(200);
        assertThat(payloadsOf(id).get(payloadsOf(id).size() - 1))
                .isEqualTo(new CreditLimitSet(id, Money.of("6000000", "CNY"), Money.of("2000000", "CNY")));
    }

    @Test
    void refusesABadInvestigationNamingTheFieldAndChangesNothing() {
        String id = registerCompany("深圳市腾讯计算机系统有限公司");
        long before = totalEvents();
        Map<String, Object> noSources = investigation(TODAY);
        noSources.put("sources", List.of());
        Map<String, Object> blankFinding = investigation(TODAY);
        blankFinding.put("findings", "  ");
        Map<String, Object> unknownRating = investigation(TODAY);
        unknownRating.put("proposedRating", "AAAA");
        Map<String, Object> tomorrow = investigation(TODAY.plusDays(1));
        for (var bad : Map.of("sources", noSources, "findings", blankFinding, "proposedRating", unknownRating,
                "investigatedOn", tomorrow).entrySet()) {
            Response refused = investigate(id, bad.getValue());
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.text("field")).as(refused.toString()).isEqualTo(bad.getKey());
        }
        assertThat(investigate("no-such-customer", investigation(TODAY)).status()).isEqualTo(404);
        assertThat(totalEvents()).isEqualTo(before);
    }
}
