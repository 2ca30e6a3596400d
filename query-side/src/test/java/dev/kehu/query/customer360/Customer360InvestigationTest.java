package dev.kehu.query.customer360;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.credit.CreditInvestigationRecorded;
import dev.kehu.events.customer.credit.CreditRating;
import dev.kehu.events.customer.credit.InvoiceRecorded;
import dev.kehu.events.customer.credit.PaymentRecorded;
import dev.kehu.query.history.EmbeddedMongo;
import dev.kehu.query.history.EventTape;
import dev.kehu.query.history.ReadSide;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ProjectionPositions;
import dev.kehu.query.projection.ViewWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The customer 360 view shows the credit investigation with the latest date and the payment record (issue 22). */
class Customer360InvestigationTest {

    EmbeddedMongo mongo;
    MongoDatabase database;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        database = mongo.database("c360-investigation");
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void showsTheInvestigationWithTheLatestDateNotTheLastRecorded() {
        EventTape tape = new EventTape(Instant.parse("2026-03-01T01:00:00Z"))
                .customer("c1", new CustomerRegistered("c1", CustomerKind.COMPANY,
                        Customer360ProjectionTest.profile("北京华润水务设备有限公司", "Beijing Huarun Water")));
        apply(tape);
        assertThat(view("c1")).as("no investigation yet: no key").doesNotContainKey("latestInvestigation");

        tape.customer("c1", investigation("ci-2", CreditRating.AA, "王芳", LocalDate.of(2026, 2, 20)))
                .customer("c1", investigation("ci-1", CreditRating.BB, "John Smith", LocalDate.of(2025, 12, 1)));
        apply(tape);
        Document latest = view("c1").get("latestInvestigation", Document.class);
        assertThat(latest).isEqualTo(new Document("investigationId", "ci-2")
                .append("sources", List.of("人民银行征信报告 PBOC credit report", "Dun & Bradstreet report"))
                .append("findings", "近三年按时回款 paid on time").append("evaluation", "经营稳健 sound business")
                .append("proposedRating", "AA").append("investigatedBy", "王芳").append("investigatedOn", "2026-02-20"));

        tape.customer("c1", investigation("ci-3", CreditRating.A, "李娜", LocalDate.of(2026, 2, 20)));
        apply(tape);
        assertThat(view("c1").get("latestInvestigation", Document.class).getString("investigationId"))
                .as("the same date: the one recorded last").isEqualTo("ci-3");
        assertThat(Customer360Documents.keys(Customer360Documents.decode(view("c1"))))
                .containsExactlyElementsOf(Customer360Documents.encode(Customer360Documents.decode(view("c1"))).keySet());
    }

    @Test
    void showsThePaymentRecordOfTheInvoicesPaidInFull() {
        EventTape tape = new EventTape(Instant.parse("2026-03-01T01:00:00Z"))
                .customer("c2", new CustomerRegistered("c2", CustomerKind.COMPANY,
                        Customer360ProjectionTest.profile("上海金桥化工有限公司", "Shanghai Jinqiao Chemicals")))
                .customer("c2", new InvoiceRecorded("c2", "INV-1", Customer360ProjectionTest.cny("1000"),
                        LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31), "SO-1", null))
                .customer("c2", new InvoiceRecorded("c2", "INV-2", Customer360ProjectionTest.cny("500"),
                        LocalDate.of(2026, 3, 2), null, "SO-2", null));
        apply(tape);
        Map<String, Object> none = Customer360Controller.body(view("c2"), LocalDate.of(2026, 6, 1), "CNY");
        assertThat(none).as("nothing paid in full yet").doesNotContainKey("paymentRecord");

        tape.customer("c2", new PaymentRecorded("c2", "PAY-1", "INV-1", Customer360ProjectionTest.cny("400"), LocalDate.of(2026, 3, 20)))
                .customer("c2", new PaymentRecorded("c2", "PAY-2", "INV-1", Customer360ProjectionTest.cny("600"), LocalDate.of(2026, 4, 10)))
                .customer("c2", new PaymentRecorded("c2", "PAY-3", "INV-2", Customer360ProjectionTest.cny("500"), LocalDate.of(2026, 3, 12)));
        apply(tape);
        assertThat(view("c2").get("paymentRecord", Document.class)).isEqualTo(new Document("paidInvoices", 2L)
                .append("totalDaysToPay", 50L).append("paidLate", 1L));
        @SuppressWarnings("unchecked")
        Map<String, Object> record = (Map<String, Object>) Customer360Controller.body(view("c2"), LocalDate.of(2026, 6, 1), "CNY")
                .get("paymentRecord");
        assertThat(record).containsEntry("paidInvoices", 2L).containsEntry("paidLate", 1L);
        assertThat((java.math.BigDecimal) record.get("averageDaysToPay")).as("(40 + 10) / 2").isEqualByComparingTo("25.0");
        assertThat((java.math.BigDecimal) record.get("lateShare")).as("INV-1 paid after 2026-03-31").isEqualByComparingTo("0.5");
    }

    private static CreditInvestigationRecorded investigation(String id, CreditRating rating, String by, LocalDate on) {
        return new CreditInvestigationRecorded("c1", id, List.of("人民银行征信报告 PBOC credit report", "Dun & Bradstreet report"),
                "近三年按时回款 paid on time", "经营稳健 sound business", rating, by, on);
    }

    private Document view(String customerId) {
        return database.getCollection(Customer360Projection.COLLECTION).find(Filters.eq("_id", customerId)).first();
    }

    private void apply(EventTape tape) {
        ViewWriter writer = new ViewWriter(database);
        ProjectionPositions positions = new ProjectionPositions(database, () -> null, Clock.systemUTC());
        ReadSide.redeliver(positions, writer, Map.of(ProjectionGroups.CUSTOMER_360, List.of(new Customer360Projection(writer))),
                tape.events(), 3);
    }
}
