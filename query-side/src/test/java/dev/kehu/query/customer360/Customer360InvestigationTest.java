package dev.kehu.query.customer360;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.credit.CreditInvestigationRecorded;
import dev.kehu.events.customer.credit.CreditRating;
import dev.kehu.events.customer.credit.InvoiceRecorded;
import dev.kehu.events.customer.followup.InteractionChannel;
import dev.kehu.events.customer.servicerequest.ServiceAppointmentBooked;
import dev.kehu.events.customer.servicerequest.ServiceEngineerReassigned;
import dev.kehu.events.customer.servicerequest.ServiceRequestClosed;
import dev.kehu.events.customer.servicerequest.ServiceRequestReported;
import dev.kehu.events.customer.servicerequest.ServiceRequestResolvedByPhone;
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

/**
 * The customer 360 view shows the credit investigation with the latest date, the payment record and the open and
 * recent service requests (issue 22).
 */
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

    @Test
    void showsOpenServiceRequestsAndTheLastClosedOnes() {
        EventTape tape = new EventTape(Instant.parse("2026-03-01T01:00:00Z"))
                .customer("c3", new CustomerRegistered("c3", CustomerKind.INDIVIDUAL,
                        Customer360ProjectionTest.profile("王芳", "Wang Fang")));
        apply(tape);
        assertThat(view("c3")).as("no request yet: no key").doesNotContainKey("serviceRequests");
        for (int i = 1; i <= Customer360ServiceRequests.RECENT_CLOSED + 2; i++) {
            String id = "sr-" + i;
            tape.customer("c3", new ServiceRequestReported("c3", id, "漏水 leaking " + i, "Home purifier H2", null,
                            InteractionChannel.CALL, LocalDate.of(2026, 3, i)))
                    .customer("c3", new ServiceRequestResolvedByPhone("c3", id, "刘工", "ok", LocalDate.of(2026, 3, i)))
                    .customer("c3", new ServiceRequestClosed("c3", id, LocalDate.of(2026, 3, i + 1), 5));
        }
        tape.customer("c3", new ServiceRequestReported("c3", "sr-open", "水泵异响 noisy pump", "RO-500", null,
                        InteractionChannel.EMAIL, LocalDate.of(2026, 4, 1)))
                .customer("c3", new ServiceAppointmentBooked("c3", "sr-open", LocalDate.of(2026, 4, 3), "09:00-12:00", "刘工"))
                .customer("c3", new ServiceEngineerReassigned("c3", "sr-open", "John Smith", "刘工", "on leave"));
        apply(tape);
        List<Document> requests = view("c3").getList("serviceRequests", Document.class);
        assertThat(requests).extracting(r -> r.getString("requestId")).as("the two closed first are dropped")
                .containsExactly("sr-3", "sr-4", "sr-5", "sr-6", "sr-7", "sr-8", "sr-9", "sr-10", "sr-11", "sr-12", "sr-open");
        assertThat(requests.get(requests.size() - 1)).isEqualTo(new Document("requestId", "sr-open")
                .append("problem", "水泵异响 noisy pump").append("equipment", "RO-500").append("status", "BOOKED")
                .append("reportedOn", "2026-04-01").append("engineer", "John Smith").append("appointmentDate", "2026-04-03")
                .append("window", "09:00-12:00").append("closedOn", null).append("satisfactionScore", null));
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
