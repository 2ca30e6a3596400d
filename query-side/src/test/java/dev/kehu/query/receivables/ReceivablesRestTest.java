package dev.kehu.query.receivables;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kehu.events.Money;
import dev.kehu.events.customer.AccountManagerAssigned;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.credit.InvoiceRecorded;
import dev.kehu.events.customer.credit.PaymentRecorded;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.web.ReadSideWebTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;

/**
 * {@code GET /api/receivables} and {@code GET /api/receivables/customers/{id}} (today fixed at 2026-11-20): open
 * invoices aged from their invoice date into 0–30, 31–60, 61–90 and over 90 days, per currency, by region and by the
 * customers' current account manager; each customer's payment record.
 */
@DirtiesContext // its own context, closed after it: when a paused cached read-side context was restarted, its
// processors did not apply new events (a full run, service group); the lifecycle beans restart now, the processors not yet
class ReceivablesRestTest extends ReadSideWebTest {

    private static final String REGION = "拉萨办事处 " + UUID.randomUUID();
    private final String a = "rcv-a-" + UUID.randomUUID();
    private final String b = "rcv-b-" + UUID.randomUUID();
    private final Map<String, Long> sequences = new HashMap<>();
    private Instant clock = Instant.parse("2026-06-01T02:00:00Z");

    @Test
    void agesOpenInvoicesByRegionAndCurrentManagerAndKeepsEachPaymentRecord() throws Exception {
        publish(a, new CustomerRegistered(a, CustomerKind.COMPANY, profile("拉萨高原水务设备有限公司", null)));
        publish(a, new AccountManagerAssigned(a, "tenzin", null, "新客户分配"));
        publish(b, new CustomerRegistered(b, CustomerKind.COMPANY, profile(null, "Everest Water Systems Ltd.")));
        publish(b, new AccountManagerAssigned(b, "emma", null, "new customer"));
        publish(b, invoice(b, "INV-B1", "700", "CNY", day(7, 1), day(7, 31)));
        publish(b, new PaymentRecorded(b, "PAY-B1", "INV-B1", cny("700"), day(7, 20)));
        publish(a, invoice(a, "INV-A3", "3000", "CNY", day(8, 15), day(9, 15)));
        publish(a, invoice(a, "INV-A4", "400", "USD", day(8, 30), null));
        publish(a, invoice(a, "INV-A2", "2000", "CNY", day(9, 30), day(10, 30)));
        publish(a, new PaymentRecorded(a, "PAY-A3", "INV-A3", cny("3000"), day(10, 15)));
        publish(b, new AccountManagerAssigned(b, "tenzin", "emma", "区域调整 territory change"));
        publish(b, invoice(b, "INV-B2", "800", "CNY", day(10, 1), day(10, 31)));
        publish(a, new PaymentRecorded(a, "PAY-A2", "INV-A2", cny("500"), day(10, 20)));
        long last = publish(a, invoice(a, "INV-A1", "1000", "CNY", day(11, 10), day(12, 10)));
        awaitApplied(ProjectionGroups.RECEIVABLES, last);

        Response report = get("/api/receivables?region=" + enc(REGION) + "&minPosition=" + last);
        assertThat(report.status()).as(report.body().toString()).isEqualTo(200);
        assertThat(report.body().get("asOf").asText()).isEqualTo("2026-11-20");
        JsonNode total = report.body().get("total");
        assertThat(total).hasSize(2);
        assertBuckets(total.get(0), "CNY", "1000", "2300", "0", "0");
        assertBuckets(total.get(1), "USD", "0", "0", "400", "0");
        assertThat(report.body().get("byManager")).as("emma's row is empty now: left out").hasSize(2);
        assertThat(report.body().get("byManager").get(0).get("accountManager").asText()).isEqualTo("tenzin");
        assertBuckets(report.body().get("byManager").get(0), "CNY", "1000", "2300", "0", "0");
        assertThat(report.body().get("byRegion").get(0).get("region").asText()).isEqualTo(REGION);

        Response customer = get("/api/receivables/customers/" + a + "?minPosition=" + last);
        assertThat(customer.status()).isEqualTo(200);
        assertThat(customer.body().get("name").asText()).isEqualTo("拉萨高原水务设备有限公司");
        List<String> open = new ArrayList<>();
        customer.body().get("openInvoices").forEach(i -> open.add(i.get("invoiceNumber").asText() + " "
                + i.get("outstanding").decimalValue().stripTrailingZeros().toPlainString() + " " + i.get("ageDays").asLong()
                + " " + i.get("bucket").asText()));
        assertThat(open).containsExactly("INV-A4 400 82 days61to90", "INV-A2 1500 51 days31to60", "INV-A1 1000 10 days0to30");
        JsonNode record = customer.body().get("paymentRecord");
        assertThat(record.get("paidInvoices").asLong()).isEqualTo(1);
        assertThat(record.get("averageDaysToPay").decimalValue()).isEqualByComparingTo("61.0");
        assertThat(record.get("paidLate").asLong()).isEqualTo(1);
        assertThat(record.get("lateShare").decimalValue()).isEqualByComparingTo("1");
        JsonNode onTime = get("/api/receivables/customers/" + b).body().get("paymentRecord");
        assertThat(onTime.get("averageDaysToPay").decimalValue()).isEqualByComparingTo("19.0");
        assertThat(onTime.get("lateShare").decimalValue()).isEqualByComparingTo("0");

        long moved = publish(a, new AccountManagerAssigned(a, "li.na", "tenzin", "调岗 handover"));

        awaitApplied(ProjectionGroups.RECEIVABLES, moved);
        JsonNode byManager = get("/api/receivables?region=" + enc(REGION) + "&minPosition=" + moved).body().get("byManager");
        List<String> rows = new ArrayList<>();
        byManager.forEach(row -> rows.add(row.get("accountManager").asText() + " " + row.get("currency").asText() + " "
                + row.get("total").decimalValue().stripTrailingZeros().toPlainString()));
        assertThat(rows).as("a's open invoices went with it").containsExactly("li.na CNY 2500", "li.na USD 400", "tenzin CNY 800");

        assertThat(get("/api/receivables/customers/no-such-customer").status()).isEqualTo(404);
        Response tooLong = get("/api/receivables?manager=" + "x".repeat(201));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().get("parameter").asText()).isEqualTo("manager");
    }

    private static void assertBuckets(JsonNode row, String currency, String d30, String d60, String d90, String over90) {
        assertThat(row.get("currency").asText()).isEqualTo(currency);
        assertThat(row.get("days0to30").decimalValue()).as("0-30 %s", currency).isEqualByComparingTo(d30);
        assertThat(row.get("days31to60").decimalValue()).as("31-60 %s", currency).isEqualByComparingTo(d60);
        assertThat(row.get("days61to90").decimalValue()).as("61-90 %s", currency).isEqualByComparingTo(d90);
        assertThat(row.get("over90").decimalValue()).as("over 90 %s", currency).isEqualByComparingTo(over90);
        assertThat(row.get("total").decimalValue()).isEqualByComparingTo(new BigDecimal(d30).add(new BigDecimal(d60))
                .add(new BigDecimal(d90)).add(new BigDecimal(over90)));
    }

    private long publish(String customerId, Object payload) {
        clock = clock.plusSeconds(3600);
        long sequence = sequences.merge(customerId, 1L, Long::sum) - 1;
        eventStore.publish(new GenericDomainEventMessage<>("Customer", customerId, sequence, payload,
                Map.of("actor", "zhang.wei"), UUID.randomUUID().toString(), clock));
        return eventStore.createHeadToken().position().orElseThrow();
    }

    private static InvoiceRecorded invoice(String customerId, String number, String amount, String currency,
                                           LocalDate invoicedOn, LocalDate dueOn) {
        return new InvoiceRecorded(customerId, number, Money.of(amount, currency), invoicedOn, dueOn, "SO-" + number, null);
    }

    private static CustomerProfile profile(String chineseName, String latinName) {
        return new CustomerProfile(chineseName, latinName, null, null, null, "水务设备", REGION, "business", "展会",
                List.of(), List.of(), Map.of(), null);
    }

    private static Money cny(String amount) {
        return Money.of(amount, "CNY");
    }

    private static LocalDate day(int month, int dayOfMonth) {
        return LocalDate.of(2026, month, dayOfMonth);
    }

    static {
        assertThat(ProjectionGroups.ALL).contains(ProjectionGroups.RECEIVABLES);
    }
}
