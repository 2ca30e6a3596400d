package dev.kehu.command.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kehu.command.ApiClient.Response;
import dev.kehu.command.CommandApiTestSupport;
import dev.kehu.events.customer.followup.InteractionChannel;
import dev.kehu.events.customer.service.ComplaintLinkedToServiceRequest;
import dev.kehu.events.customer.servicerequest.ServiceAppointmentBooked;
import dev.kehu.events.customer.servicerequest.ServiceAppointmentRescheduled;
import dev.kehu.events.customer.servicerequest.ServiceEngineerReassigned;
import dev.kehu.events.customer.servicerequest.ServiceRequestClosed;
import dev.kehu.events.customer.servicerequest.ServiceRequestReported;
import dev.kehu.events.customer.servicerequest.ServiceVisitCompleted;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** After-sales service requests over HTTP: bodies, events and refusals. */
class ServiceRequestApiTest extends CommandApiTestSupport {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of(CustomerProperties.DEFAULT_ZONE));

    private Object last(String id) {
        List<Object> payloads = payloadsOf(id);
        return payloads.get(payloads.size() - 1);
    }

    @Test
    void aFaultBookedRescheduledReassignedVisitedAndClosed() {
        String id = registerCompany("北京碧水源科技股份有限公司");
        String base = "/api/customers/" + id + "/service-requests";
        Response reported = api.post(base, map("problem", " 净水器漏水 purifier leaking ", "equipment", "RO-500 反渗透机组",
                "channel", "CALL"));
        assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
        String requestId = reported.text("requestId");
        assertThat(last(id)).isEqualTo(new ServiceRequestReported(id, requestId, "净水器漏水 purifier leaking",
                "RO-500 反渗透机组", null, InteractionChannel.CALL, TODAY));

        Response booked = api.post(base + "/" + requestId + "/appointment", map("date", TODAY.plusDays(2).toString(),
                "window", "09:00-12:00", "engineer", "刘工"));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(200);
        assertThat(last(id)).isEqualTo(new ServiceAppointmentBooked(id, requestId, TODAY.plusDays(2), "09:00-12:00", "刘工"));

        assertThat(api.put(base + "/" + requestId + "/appointment", map("date", TODAY.plusDays(3).toString(),
                "window", "14:00-17:00", "reason", "客户出差 customer away")).status()).isEqualTo(200);
        assertThat(last(id)).isEqualTo(new ServiceAppointmentRescheduled(id, requestId, TODAY.plusDays(3), "14:00-17:00",
                TODAY.plusDays(2), "09:00-12:00", "客户出差 customer away"));
        assertThat(api.put(base + "/" + requestId + "/engineer", map("engineer", "John Smith", "reason", "刘工请假"))
                .status()).isEqualTo(200);
        assertThat(last(id)).isEqualTo(new ServiceEngineerReassigned(id, requestId, "John Smith", "刘工", "刘工请假"));

        Response early = api.post(base + "/" + requestId + "/closure", map("satisfactionScore", 5));
        assertThat(early.status()).as(early.toString()).isEqualTo(409);
        assertThat(early.text("code")).isEqualTo("service-request-step-refused");
        assertThat(early.text("status")).isEqualTo("BOOKED");

        assertThat(api.post(base + "/" + requestId + "/visit", map("outcome", "更换水泵 pump replaced")).status()).isEqualTo(200);
        assertThat(last(id)).isEqualTo(new ServiceVisitCompleted(id, requestId, TODAY, "更换水泵 pump replaced"));
        assertThat(api.post(base + "/" + requestId + "/closure", map("satisfactionScore", 4)).status()).isEqualTo(200);
        assertThat(last(id)).isEqualTo(new ServiceRequestClosed(id, requestId, TODAY, 4));
    }

    @Test
    void refusesBadInputNamingTheFieldAndUnknownRequests() {
        String id = registerCompany("Acme Water Systems Ltd.");
        String base = "/api/customers/" + id + "/service-requests";
        long before = totalEvents();
        Map<String, Map<String, Object>> bad = Map.of(
                "problem", map("problem", " ", "equipment", "RO-500", "channel", "CALL"),
                "channel", map("problem", "leak", "equipment", "RO-500", "channel", "PIGEON"),
                "reportedOn", map("problem", "leak", "equipment", "RO-500", "channel", "CALL",
                        "reportedOn", TODAY.plusDays(1).toString()));
        bad.forEach((field, body) -> {
            Response refused = api.post(base, body);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.text("field")).isEqualTo(field);
        });
        Response unknownContact = api.post(base, map("problem", "leak", "equipment", "RO-500", "channel", "CALL",
                "contactId", "nobody"));
        assertThat(unknownContact.status()).isEqualTo(404);
        assertThat(unknownContact.text("field")).isEqualTo("contactId");

        Response window = api.post(base + "/sr-404/appointment", map("date", TODAY.toString(), "window", "9-12",
                "engineer", "刘工"));
        assertThat(window.status()).isEqualTo(400);
        assertThat(window.text("field")).isEqualTo("window");
        Response unknown = api.post(base + "/sr-404/appointment", map("date", TODAY.toString(), "window", "09:00-12:00",
                "engineer", "刘工"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("field")).isEqualTo("requestId");
        assertThat(totalEvents()).isEqualTo(before);
    }

    @Test
    void aComplaintRefersToAServiceRequestAndAnUnknownRequestIsRefused() {
        String id = registerCompany("青岛海尔水务有限公司 Haier Water");
        Response reported = api.post("/api/customers/" + id + "/service-requests", map("problem", "滤芯堵塞 filter clogged",
                "equipment", "UF-200", "channel", "CALL"));
        String requestId = reported.text("requestId");
        Response complaint = api.post("/api/customers/" + id + "/complaints", map("subject", "上门太晚 engineer came late"));
        assertThat(complaint.status()).as(complaint.toString()).isEqualTo(201);
        String complaintId = complaint.text("complaintId");
        String link = "/api/customers/" + id + "/complaints/" + complaintId + "/service-request";

        Response linked = api.put(link, map("requestId", " " + requestId + " "));
        assertThat(linked.status()).as(linked.toString()).isEqualTo(200);
        assertThat(linked.text("complaintId")).isEqualTo(complaintId);
        assertThat(linked.text("requestId")).isEqualTo(requestId);
        assertThat(last(id)).isEqualTo(new ComplaintLinkedToServiceRequest(id, complaintId, requestId, null));
        long before = totalEvents();
        assertThat(api.put(link, map("requestId", requestId)).status()).isEqualTo(200);
        assertThat(totalEvents()).as("the same link again appends nothing").isEqualTo(before);

        Response unknown = api.put(link, map("requestId", "sr-404"));
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unknown.text("field")).isEqualTo("requestId");
        assertThat(unknown.text("requestId")).isEqualTo("sr-404");
        Response noComplaint = api.put("/api/customers/" + id + "/complaints/cp-404/service-request",
                map("requestId", requestId));
        assertThat(noComplaint.status()).as(noComplaint.toString()).isEqualTo(404);
        assertThat(noComplaint.text("field")).isEqualTo("complaintId");
        Response blank = api.put(link, map("requestId", " "));
        assertThat(blank.status()).as(blank.toString()).isEqualTo(400);
        assertThat(blank.text("field")).isEqualTo("requestId");
        assertThat(totalEvents()).isEqualTo(before);
    }
}
