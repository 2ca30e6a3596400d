package dev.kehu.query.service;

import dev.kehu.events.customer.PersonalDataErased;
import dev.kehu.events.customer.service.ComplaintLinkedToServiceRequest;
import dev.kehu.events.customer.servicerequest.ServiceAppointmentBooked;
import dev.kehu.events.customer.servicerequest.ServiceAppointmentRescheduled;
import dev.kehu.events.customer.servicerequest.ServiceEngineerReassigned;
import dev.kehu.events.customer.servicerequest.ServiceRequestClosed;
import dev.kehu.events.customer.servicerequest.ServiceRequestReported;
import dev.kehu.events.customer.servicerequest.ServiceRequestResolvedByPhone;
import dev.kehu.events.customer.servicerequest.ServiceVisitCompleted;
import dev.kehu.query.projection.Docs;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ViewWriter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * After-sales service requests (售后服务), in the {@code service} group beside complaints (its customers' regions come
 * from {@code service_customers}): {@code service_requests} (request: status, region, engineer, appointment, dates),
 * {@code service_schedule} (engineer and day: the appointments, so a schedule reads one document per day asked),
 * {@code service_request_stats} (one row per region and per engineer: requests closed, closed on the first call, days
 * to close; and per region the open requests counted by the day they were reported, aged when read). A request's
 * region is its customer's when it was reported.
 */
@Component
@ProcessingGroup(ProjectionGroups.SERVICE)
public class ServiceRequestProjection {

    public static final String REQUESTS = "service_requests";
    public static final String SCHEDULE = "service_schedule";
    public static final String STATS = "service_request_stats";
    /** Joins the parts of a schedule or stats row id (the unit separator: in no name). */
    public static final String SEPARATOR = "\u001f";

    private final ViewWriter views;

    public ServiceRequestProjection(ViewWriter views) {
        this.views = views;
    }

    @ResetHandler
    public void reset() {
        views.drop(REQUESTS, SCHEDULE, STATS);
    }

    @EventHandler
    public void on(ServiceRequestReported event, TrackingToken token) {
        if (views.find(REQUESTS, event.requestId()).isPresent()) {
            return;
        }
        Document customer = views.find(ServiceProjection.CUSTOMERS, event.customerId()).orElse(new Document());
        String reportedOn = Docs.date(event.reportedOn());
        views.upsert(REQUESTS, event.requestId(), token, doc -> doc.append("customerId", event.customerId())
                .append("customerName", customer.getString("name")).append("region", customer.getString("region"))
                .append("problem", event.problem()).append("equipment", event.equipment())
                .append("contactId", event.contactId()).append("channel", Docs.name(event.channel()))
                .append("status", "REPORTED").append("reportedOn", reportedOn).append("engineer", null)
                .append("appointment", null).append("firstCall", false).append("closedOn", null)
                .append("satisfactionScore", null).append("complaintIds", new java.util.ArrayList<String>()));
        openCount(customer.getString("region"), reportedOn, 1, token);
    }

    /** An individual erased (docs/privacy.md): their name reads {@code [erased]} in their requests and appointments. */
    @EventHandler
    public void on(PersonalDataErased event, TrackingToken token) {
        if (!event.erasesCustomer()) {
            return;
        }
        for (Object request : ServiceProjection.idsOf(views, REQUESTS, "customerId", event.customerId())) {
            views.update(REQUESTS, request, token, doc -> doc.put("customerName", PersonalDataErased.ERASED));
        }
        for (Object day : ServiceProjection.idsOf(views, SCHEDULE, "appointments.customerId", event.customerId())) {
            views.update(SCHEDULE, day, token, doc -> Docs.list(doc, "appointments").replaceAll(entry ->
                    event.customerId().equals(entry.getString("customerId"))
                            ? new Document(entry).append("customerName", PersonalDataErased.ERASED) : entry));
        }
    }

    @EventHandler
    public void on(ServiceRequestResolvedByPhone event, TrackingToken token) {
        views.update(REQUESTS, event.requestId(), token, doc -> doc.append("status", "RESOLVED_BY_PHONE")
                .append("engineer", event.engineer()).append("firstCall", true).append("resolution", event.resolution()));
    }

    @EventHandler
    public void on(ServiceAppointmentBooked event, TrackingToken token) {
        Document request = request(event.requestId(), token);
        if (request == null) {
            return;
        }
        String date = Docs.date(event.date());
        views.update(REQUESTS, event.requestId(), token, doc -> doc.append("status", "BOOKED")
                .append("engineer", event.engineer())
                .append("appointment", new Document("date", date).append("window", event.window())));
        schedule(event.engineer(), date, token, appointments -> appointments.add(entry(request, event.window())));
    }

    @EventHandler
    public void on(ServiceAppointmentRescheduled event, TrackingToken token) {
        Document request = request(event.requestId(), token);
        if (request == null) {
            return;
        }
        String engineer = request.getString("engineer");
        String from = Docs.date(event.previousDate());
        String to = Docs.date(event.date());
        views.update(REQUESTS, event.requestId(), token, doc -> doc.put("appointment",
                new Document("date", to).append("window", event.window()).append("rescheduledBecause", event.reason())));
        move(request, engineer, from, engineer, to, event.window(), token);
    }

    @EventHandler
    public void on(ServiceEngineerReassigned event, TrackingToken token) {
        Document request = request(event.requestId(), token);
        if (request == null) {
            return;
        }
        Document appointment = request.get("appointment", Document.class);
        String date = appointment == null ? null : appointment.getString("date");
        String window = appointment == null ? null : appointment.getString("window");
        views.update(REQUESTS, event.requestId(), token, doc -> doc.put("engineer", event.engineer()));
        move(request, event.previousEngineer(), date, event.engineer(), date, window, token);
    }

    @EventHandler
    public void on(ServiceVisitCompleted event, TrackingToken token) {
        Document request = request(event.requestId(), token);
        if (request == null) {
            return;
        }
        views.update(REQUESTS, event.requestId(), token, doc -> doc.append("status", "VISITED")
                .append("visitedOn", Docs.date(event.visitedOn())).append("outcome", event.outcome()));
        Document appointment = request.get("appointment", Document.class);
        if (appointment != null) {
            schedule(request.getString("engineer"), appointment.getString("date"), token, appointments -> {
                Document entry = Docs.findBy(appointments, "requestId", event.requestId());
                if (entry != null) {
                    entry.put("done", true);
                }
            });
        }
    }

    @EventHandler
    public void on(ServiceRequestClosed event, TrackingToken token) {
        Document request = request(event.requestId(), token);
        if (request == null || "CLOSED".equals(request.getString("status"))) {
            return;
        }
        String closedOn = Docs.date(event.closedOn());
        views.update(REQUESTS, event.requestId(), token, doc -> doc.append("status", "CLOSED").append("closedOn", closedOn)
                .append("satisfactionScore", event.satisfactionScore()));
        LocalDate reported = Docs.localDate(request.getString("reportedOn"));
        long days = reported == null || event.closedOn() == null || closedOn == null ? 0
                : Math.max(0, ChronoUnit.DAYS.between(reported, event.closedOn()));
        boolean firstCall = Boolean.TRUE.equals(request.getBoolean("firstCall"));
        for (String row : List.of(id("region", request.getString("region")), id("engineer", request.getString("engineer")))) {
            views.upsert(STATS, row, token, doc -> doc
                    .append("closed", doc.get("closed", 0L) + 1)
                    .append("closedOnFirstCall", doc.get("closedOnFirstCall", 0L) + (firstCall ? 1 : 0))
                    .append("daysToClose", doc.get("daysToClose", 0L) + days));
        }
        openCount(request.getString("region"), request.getString("reportedOn"), -1, token);
    }

    /** The complaint refers to the request now, and no longer to the previous one: the change of each is idempotent. */
    @EventHandler
    public void on(ComplaintLinkedToServiceRequest event, TrackingToken token) {
        if (event.previousRequestId() != null && !event.previousRequestId().equals(event.requestId())) {
            views.update(REQUESTS, event.previousRequestId(), token,
                    doc -> Docs.strings(doc, "complaintIds").remove(event.complaintId()));
        }
        views.update(REQUESTS, event.requestId(), token, doc -> {
            List<String> complaints = Docs.strings(doc, "complaintIds");
            if (!complaints.contains(event.complaintId())) {
                complaints.add(event.complaintId());
            }
        });
    }

    /** Adds {@code delta} to the open requests of the region reported on the day (one stats row per region). */
    private void openCount(String region, String reportedOn, int delta, TrackingToken token) {
        String day = reportedOn == null ? "undated" : reportedOn;
        views.upsert(STATS, id("open", region), token, doc -> {
            Document byDay = Docs.child(doc, "openByDay");
            long count = ((Number) byDay.getOrDefault(day, 0L)).longValue() + delta;
            if (count == 0) {
                byDay.remove(day);
            } else {
                byDay.put(day, count);
            }
        });
    }

    /** Moves the request's appointment from one engineer's day to another's (one change when it is the same day). */
    private void move(Document request, String fromEngineer, String fromDate, String toEngineer, String toDate,
                      String window, TrackingToken token) {
        String requestId = request.getString("_id");
        if (scheduleId(fromEngineer, fromDate).equals(scheduleId(toEngineer, toDate))) {
            schedule(toEngineer, toDate, token, appointments -> {
                Docs.removeBy(appointments, "requestId", requestId);
                appointments.add(entry(request, window));
            });
            return;
        }
        if (fromDate != null) {
            schedule(fromEngineer, fromDate, token, appointments -> Docs.removeBy(appointments, "requestId", requestId));
        }
        if (toDate != null) {
            schedule(toEngineer, toDate, token, appointments -> appointments.add(entry(request, window)));
        }
    }

    private void schedule(String engineer, String date, TrackingToken token,
                          java.util.function.Consumer<List<Document>> change) {
        if (date == null) {
            return;
        }
        views.upsert(SCHEDULE, scheduleId(engineer, date), token, doc -> {
            doc.append("engineer", engineer).append("date", date);
            List<Document> appointments = Docs.list(doc, "appointments");
            change.accept(appointments);
            appointments.sort(java.util.Comparator.comparing((Document a) -> String.valueOf(a.getString("window")))
                    .thenComparing(a -> String.valueOf(a.getString("requestId"))));
        });
    }

    private static Document entry(Document request, String window) {
        return new Document("requestId", request.getString("_id")).append("window", window)
                .append("customerId", request.getString("customerId")).append("customerName", request.getString("customerName"))
                .append("equipment", request.getString("equipment")).append("problem", request.getString("problem"))
                .append("done", false);
    }

    /**
     * The request's document, or null when there is none or it has seen this event: every event changes its request's
     * document, so a replayed event leaves the shared schedule and stats rows alone.
     */
    private Document request(String requestId, TrackingToken token) {
        Document request = views.find(REQUESTS, requestId).orElse(null);
        Object applied = request == null ? null : request.get(ViewWriter.APPLIED_POSITION);
        return applied instanceof Number number && number.longValue() >= ViewWriter.position(token) ? null : request;
    }

    public static String scheduleId(String engineer, String date) {
        return (engineer == null ? "" : engineer) + SEPARATOR + date;
    }

    public static String id(String kind, String name) {
        return kind + SEPARATOR + (name == null ? "" : name);
    }
}
