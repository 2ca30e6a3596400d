package dev.kehu.query.customer360;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.credit.CreditInvestigationRecorded;
import dev.kehu.events.customer.credit.CreditRating;
import dev.kehu.events.customer.credit.InvoiceRecorded;
import dev.kehu.events.customer.delivery.DeliveryItem;
import dev.kehu.events.customer.delivery.DeliveryRecorded;
import dev.kehu.events.customer.delivery.DeliveryStatus;
import dev.kehu.events.customer.delivery.DeliveryStatusChanged;
import dev.kehu.events.customer.followup.InteractionChannel;
import dev.kehu.events.customer.order.OrderRecorded;
import dev.kehu.events.customer.service.ComplaintLinkedToServiceRequest;
import dev.kehu.events.customer.service.ComplaintLogged;
import dev.kehu.events.customer.service.ComplaintResolved;
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
 * The customer 360 view shows the credit investigation with the latest date, the payment record, the open and
 * recent service requests with the complaints that refer to them, the last deliveries and the delivery status of
 * the last orders (issue 22).
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
        assertKeysInStep(view("c1"));
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
                .append("window", "09:00-12:00").append("closedOn", null).append("satisfactionScore", null)
                .append("complaintIds", List.of()));
    }

    @Test
    void aComplaintShowsItsServiceRequestAndTheRequestItsComplaints() {
        EventTape tape = new EventTape(Instant.parse("2026-03-01T01:00:00Z"))
                .customer("c4", new CustomerRegistered("c4", CustomerKind.COMPANY,
                        Customer360ProjectionTest.profile("杭州西湖净水科技有限公司", "Hangzhou Xihu Water Tech")))
                .customer("c4", new ServiceRequestReported("c4", "sr-1", "漏水 leaking", "RO-500", null,
                        InteractionChannel.CALL, LocalDate.of(2026, 3, 1)))
                .customer("c4", new ServiceRequestReported("c4", "sr-2", "Pump noise", "UF-200", null,
                        InteractionChannel.EMAIL, LocalDate.of(2026, 3, 2)))
                .customer("c4", new ComplaintLogged("c4", "cp-1", null, "维修太慢 slow repair", null))
                .customer("c4", new ComplaintLogged("c4", "cp-2", null, "Rude engineer", null))
                .customer("c4", new ComplaintLinkedToServiceRequest("c4", "cp-1", "sr-1", null))
                .customer("c4", new ComplaintLinkedToServiceRequest("c4", "cp-2", "sr-1", null))
                .customer("c4", new ComplaintLinkedToServiceRequest("c4", "cp-2", "sr-2", "sr-1"))
                .customer("c4", new ComplaintResolved("c4", "cp-2", "道歉 apologised", 4));
        apply(tape);
        Document view = view("c4");
        List<Document> requests = view.getList("serviceRequests", Document.class);
        assertThat(requests).extracting(r -> r.getString("requestId") + " " + r.getList("complaintIds", String.class))
                .containsExactly("sr-1 [cp-1]", "sr-2 [cp-2]");
        List<Document> complaints = view.get("complaints", Document.class).getList("recent", Document.class);
        assertThat(complaints).extracting(c -> c.getString("complaintId") + " " + c.getString("status") + " "
                + c.getString("serviceRequestId")).containsExactly("cp-2 RESOLVED sr-2", "cp-1 OPEN sr-1");
        assertKeysInStep(view);
    }

    @Test
    void showsTheLastDeliveriesAndTheDeliveryStatusOfTheLastOrders() {
        EventTape tape = new EventTape(Instant.parse("2026-03-01T01:00:00Z"))
                .customer("c5", new CustomerRegistered("c5", CustomerKind.COMPANY,
                        Customer360ProjectionTest.profile("天津渤海化工有限公司", "Tianjin Bohai Chemicals")));
        apply(tape);
        assertThat(view("c5")).as("no delivery or order yet: no keys").doesNotContainKeys("recentDeliveries", "recentOrders");
        tape.customer("c5", new DeliveryRecorded("c5", "DN-0", "SO-0", LocalDate.of(2026, 3, 1), null,
                        Customer360ProjectionTest.cny("100"), DeliveryStatus.SHIPPED, LocalDate.of(2026, 3, 1)))
                .customer("c5", new OrderRecorded("c5", "SO-0", Customer360ProjectionTest.cny("100"), LocalDate.of(2026, 2, 27)));
        for (int i = 1; i <= Customer360Deliveries.RECENT + 1; i++) {
            LocalDate day = LocalDate.of(2026, 4, i);
            tape.customer("c5", new OrderRecorded("c5", "SO-" + i, Customer360ProjectionTest.cny("1000"), day))
                    .customer("c5", new DeliveryRecorded("c5", "DN-" + i, "SO-" + i, day.plusDays(1),
                            List.of(new DeliveryItem("反渗透膜 RO membrane", java.math.BigDecimal.ONE, "支")),
                            Customer360ProjectionTest.cny("1000"), DeliveryStatus.SHIPPED, day.plusDays(1)));
        }
        tape.customer("c5", new DeliveryRecorded("c5", "DN-11b", "SO-11", LocalDate.of(2026, 4, 13), null, null,
                        DeliveryStatus.SHIPPED, LocalDate.of(2026, 4, 13)))
                .customer("c5", new DeliveryStatusChanged("c5", "DN-11", DeliveryStatus.DELIVERED, DeliveryStatus.SHIPPED,
                        LocalDate.of(2026, 4, 14)))
                .customer("c5", new DeliveryStatusChanged("c5", "DN-11b", DeliveryStatus.DELIVERED, DeliveryStatus.SHIPPED,
                        LocalDate.of(2026, 4, 15)))
                .customer("c5", new DeliveryStatusChanged("c5", "DN-10", DeliveryStatus.RETURNED, DeliveryStatus.SHIPPED,
                        LocalDate.of(2026, 4, 16)))
                .customer("c5", new OrderRecorded("c5", "SO-12", Customer360ProjectionTest.cny("50"), LocalDate.of(2026, 4, 20)));
        apply(tape);
        Document view = view("c5");
        List<Document> deliveries = view.getList("recentDeliveries", Document.class);
        assertThat(deliveries).extracting(d -> d.getString("deliveryNumber") + " " + d.getString("status"))
                .as("the ten shipped last, latest first").containsExactly("DN-11b DELIVERED", "DN-11 DELIVERED",
                        "DN-10 RETURNED", "DN-9 SHIPPED", "DN-8 SHIPPED", "DN-7 SHIPPED", "DN-6 SHIPPED", "DN-5 SHIPPED",
                        "DN-4 SHIPPED", "DN-3 SHIPPED");
        assertThat(deliveries.get(1)).isEqualTo(new Document("deliveryNumber", "DN-11").append("orderNumber", "SO-11")
                .append("shippedOn", "2026-04-12").append("amount", Customer360Documents.money(
                        new Customer360View.Amount(new java.math.BigDecimal("1000"), "CNY")))
                .append("status", "DELIVERED").append("statusOn", "2026-04-14"));
        List<Document> orders = view.getList("recentOrders", Document.class);
        assertThat(orders).extracting(o -> o.getString("orderNumber") + " " + o.getString("deliveryStatus"))
                .containsExactly("SO-12 NOT_SHIPPED", "SO-11 DELIVERED", "SO-10 RETURNED", "SO-9 SHIPPED", "SO-8 SHIPPED",
                        "SO-7 SHIPPED", "SO-6 SHIPPED", "SO-5 SHIPPED", "SO-4 SHIPPED", "SO-3 SHIPPED");
        assertThat(orders.get(1).getList("deliveries", Document.class)).containsExactly(
                new Document("deliveryNumber", "DN-11").append("status", "DELIVERED"),
                new Document("deliveryNumber", "DN-11b").append("status", "DELIVERED"));
        assertKeysInStep(view);
    }

    @Test
    void anOrderRecordedAfterItsDeliveryTakesItsStatus() {
        EventTape tape = new EventTape(Instant.parse("2026-03-01T01:00:00Z"))
                .customer("c6", new CustomerRegistered("c6", CustomerKind.INDIVIDUAL,
                        Customer360ProjectionTest.profile("李娜", "Li Na")))
                .customer("c6", new DeliveryRecorded("c6", "DN-1", "SO-1", LocalDate.of(2026, 3, 2), null, null,
                        DeliveryStatus.SHIPPED, LocalDate.of(2026, 3, 2)))
                .customer("c6", new DeliveryStatusChanged("c6", "DN-1", DeliveryStatus.DELIVERED, DeliveryStatus.SHIPPED,
                        LocalDate.of(2026, 3, 4)))
                .customer("c6", new OrderRecorded("c6", "SO-1", Customer360ProjectionTest.cny("8800"), LocalDate.of(2026, 3, 1)));
        apply(tape);
        Document order = view("c6").getList("recentOrders", Document.class).get(0);
        assertThat(order.getString("deliveryStatus")).isEqualTo("DELIVERED");
        assertThat(order.getList("deliveries", Document.class))
                .containsExactly(new Document("deliveryNumber", "DN-1").append("status", "DELIVERED"));
    }

    private static CreditInvestigationRecorded investigation(String id, CreditRating rating, String by, LocalDate on) {
        return new CreditInvestigationRecorded("c1", id, List.of("人民银行征信报告 PBOC credit report", "Dun & Bradstreet report"),
                "近三年按时回款 paid on time", "经营稳健 sound business", rating, by, on);
    }

    /** Customer360Documents.keys is kept in step with encode by hand. */
    private static void assertKeysInStep(Document view) {
        Customer360View decoded = Customer360Documents.decode(view);
        assertThat(Customer360Documents.keys(decoded)).containsExactlyElementsOf(Customer360Documents.encode(decoded).keySet());
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
