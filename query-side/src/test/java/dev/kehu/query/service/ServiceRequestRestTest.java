package dev.kehu.query.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.followup.InteractionChannel;
import dev.kehu.events.customer.service.ComplaintLinkedToServiceRequest;
import dev.kehu.events.customer.service.ComplaintLogged;
import dev.kehu.events.customer.servicerequest.ServiceAppointmentBooked;
import dev.kehu.events.customer.servicerequest.ServiceAppointmentRescheduled;
import dev.kehu.events.customer.servicerequest.ServiceEngineerReassigned;
import dev.kehu.events.customer.servicerequest.ServiceRequestClosed;
import dev.kehu.events.customer.servicerequest.ServiceRequestReported;
import dev.kehu.events.customer.servicerequest.ServiceRequestResolvedByPhone;
import dev.kehu.events.customer.servicerequest.ServiceVisitCompleted;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.web.ReadSideWebTest;
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
 * The after-sales service request views (today fixed at 2026-11-20): an engineer's schedule by day, open requests by
 * age, first-call resolution rate and days to close by region and engineer; one request with the complaints that refer
 * to it.
 */
@DirtiesContext // its own context, closed after it: when a paused cached read-side context was restarted, its
// processors did not apply new events (a full run, service group); the lifecycle beans restart now, the processors not yet
class ServiceRequestRestTest extends ReadSideWebTest {

    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final String region = "乌鲁木齐办事处 " + tag;
    private final String liu = "刘工 " + tag;
    private final String john = "John Smith " + tag;
    private final String a = "srv-a-" + tag;
    private final String b = "srv-b-" + tag;
    private final Map<String, Long> sequences = new HashMap<>();
    private Instant clock = Instant.parse("2026-10-01T02:00:00Z");

    @Test
    void scheduleOpenRequestsByAgeAndFirstCallResolution() throws Exception {
        publish(a, new CustomerRegistered(a, CustomerKind.COMPANY, profile("新疆天山水务有限公司", null)));
        publish(b, new CustomerRegistered(b, CustomerKind.INDIVIDUAL, profile(null, "Aisha Wang")));
        publish(a, new ServiceRequestReported(a, "sr-1-" + tag, "净水器漏水 leaking", "RO-500", null, InteractionChannel.CALL, day(11, 1)));
        publish(a, new ServiceRequestResolvedByPhone(a, "sr-1-" + tag, liu, "指导更换密封圈", day(11, 1)));
        publish(a, new ServiceRequestClosed(a, "sr-1-" + tag, day(11, 1), 5));
        publish(a, new ServiceRequestReported(a, "sr-2-" + tag, "水泵异响 noisy pump", "RO-500", null, InteractionChannel.CALL, day(11, 2)));
        publish(a, new ServiceAppointmentBooked(a, "sr-2-" + tag, day(11, 4), "09:00-12:00", liu));
        publish(a, new ServiceVisitCompleted(a, "sr-2-" + tag, day(11, 4), "更换水泵 pump replaced"));
        publish(a, new ServiceRequestClosed(a, "sr-2-" + tag, day(11, 6), 4));
        publish(b, new ServiceRequestReported(b, "sr-3-" + tag, "Filter light on", "Home purifier H2", null, InteractionChannel.EMAIL, day(11, 15)));
        publish(b, new ServiceAppointmentBooked(b, "sr-3-" + tag, day(11, 21), "09:00-12:00", liu));
        publish(b, new ServiceAppointmentRescheduled(b, "sr-3-" + tag, day(11, 22), "14:00-17:00", day(11, 21), "09:00-12:00", "customer away"));
        publish(a, new ServiceRequestReported(a, "sr-4-" + tag, "出水慢 slow flow", "RO-500", null, InteractionChannel.VISIT, day(10, 10)));
        publish(a, new ServiceAppointmentBooked(a, "sr-4-" + tag, day(11, 22), "09:00-12:00", liu));
        long last = publish(a, new ServiceEngineerReassigned(a, "sr-4-" + tag, john, liu, "刘工请假 on leave"));
        awaitApplied(ProjectionGroups.SERVICE, last);

        Response liuSchedule = get("/api/service/requests/schedule?engineer=" + enc(liu) + "&from=2026-11-20&minPosition=" + last);
        assertThat(liuSchedule.status()).as(liuSchedule.body().toString()).isEqualTo(200);
        assertThat(liuSchedule.body().get("to").asText()).isEqualTo("2026-11-26");
        assertThat(appointments(liuSchedule.body())).containsExactly("2026-11-22 14:00-17:00 sr-3-" + tag + " Home purifier H2");
        Response johnSchedule = get("/api/service/requests/schedule?engineer=" + enc(john) + "&from=2026-11-22&to=2026-11-22");
        assertThat(appointments(johnSchedule.body())).containsExactly("2026-11-22 09:00-12:00 sr-4-" + tag + " RO-500");
        Response past = get("/api/service/requests/schedule?engineer=" + enc(liu) + "&from=2026-11-04&to=2026-11-04");
        assertThat(past.body().get("days").get(0).get("appointments").get(0).get("done").asBoolean()).isTrue();

        JsonNode open = row(get("/api/service/requests/open").body().get("byRegion"), "region", region);
        assertThat(open.get("days0to1").asLong()).isZero();
        assertThat(open.get("days2to7").asLong()).as("sr-3, reported 5 days ago").isEqualTo(1);
        assertThat(open.get("over30").asLong()).as("sr-4, reported 41 days ago").isEqualTo(1);
        assertThat(open.get("total").asLong()).isEqualTo(2);

        JsonNode performance = get("/api/service/requests/performance").body();
        JsonNode byRegion = row(performance.get("byRegion"), "region", region);
        assertThat(byRegion.get("closed").asLong()).isEqualTo(2);
        assertThat(byRegion.get("firstCallResolutionRate").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(byRegion.get("averageDaysToClose").decimalValue()).as("(0 + 4) / 2").isEqualByComparingTo("2.0");
        JsonNode byLiu = row(performance.get("byEngineer"), "engineer", liu);
        assertThat(byLiu.get("closedOnFirstCall").asLong()).isEqualTo(1);

        assertThat(get("/api/service/requests/sr-404-" + tag).status()).isEqualTo(404);
        publish(a, new ComplaintLogged(a, "cp-1-" + tag, null, "上门太晚 engineer came late", null));
        publish(a, new ComplaintLinkedToServiceRequest(a, "cp-1-" + tag, "sr-2-" + tag, null));
        publish(a, new ComplaintLogged(a, "cp-2-" + tag, null, "Wrong part fitted", null));
        publish(a, new ComplaintLinkedToServiceRequest(a, "cp-2-" + tag, "sr-2-" + tag, null));
        long moved = publish(a, new ComplaintLinkedToServiceRequest(a, "cp-2-" + tag, "sr-4-" + tag, "sr-2-" + tag));
        awaitApplied(ProjectionGroups.SERVICE, moved);
        Response request = get("/api/service/requests/sr-2-" + tag + "?minPosition=" + moved);
        assertThat(request.status()).as(request.body().toString()).isEqualTo(200);
        assertThat(request.body().get("requestId").asText()).isEqualTo("sr-2-" + tag);
        assertThat(request.body().get("customerName").asText()).isEqualTo("新疆天山水务有限公司");
        assertThat(request.body().get("status").asText()).isEqualTo("CLOSED");
        assertThat(request.body().get("satisfactionScore").asInt()).isEqualTo(4);
        assertThat(texts(request.body().get("complaintIds"))).as("cp-2 moved to sr-4").containsExactly("cp-1-" + tag);
        JsonNode sr4 = get("/api/service/requests/sr-4-" + tag).body();
        assertThat(texts(sr4.get("complaintIds"))).containsExactly("cp-2-" + tag);
        assertThat(sr4.get("engineer").asText()).isEqualTo(john);
        assertThat(texts(get("/api/service/requests/sr-3-" + tag).body().get("complaintIds"))).isEmpty();

        Response tooLong = get("/api/service/requests/schedule?engineer=" + enc(liu) + "&from=2026-11-01&to=2026-12-31");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().get("parameter").asText()).isEqualTo("to");
        assertThat(get("/api/service/requests/schedule").status()).as("engineer is required").isEqualTo(400);
    }

    private static List<String> appointments(JsonNode body) {
        List<String> found = new ArrayList<>();
        body.get("days").forEach(day -> day.get("appointments").forEach(a -> found.add(day.get("date").asText() + " "
                + a.get("window").asText() + " " + a.get("requestId").asText() + " " + a.get("equipment").asText())));
        return found;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static JsonNode row(JsonNode rows, String key, String value) {
        for (JsonNode row : rows) {
            if (value.equals(row.get(key).asText())) {
                return row;
            }
        }
        throw new AssertionError("no row " + key + "=" + value + " in " + rows);
    }

    private long publish(String customerId, Object payload) {
        clock = clock.plusSeconds(3600);
        long sequence = sequences.merge(customerId, 1L, Long::sum) - 1;
        eventStore.publish(new GenericDomainEventMessage<>("Customer", customerId, sequence, payload,
                Map.of("actor", "zhang.wei"), UUID.randomUUID().toString(), clock));
        return eventStore.createHeadToken().position().orElseThrow();
    }

    private CustomerProfile profile(String chineseName, String latinName) {
        return new CustomerProfile(chineseName, latinName, null, null, null, "水务设备", region, "business", "展会",
                List.of(), List.of(), Map.of(), null);
    }

    private static LocalDate day(int month, int dayOfMonth) {
        return LocalDate.of(2026, month, dayOfMonth);
    }
}
