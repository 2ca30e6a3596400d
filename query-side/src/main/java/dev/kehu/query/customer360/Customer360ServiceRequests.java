package dev.kehu.query.customer360;

import dev.kehu.events.customer.service.ComplaintLinkedToServiceRequest;
import dev.kehu.events.customer.servicerequest.ServiceAppointmentBooked;
import dev.kehu.events.customer.servicerequest.ServiceAppointmentRescheduled;
import dev.kehu.events.customer.servicerequest.ServiceEngineerReassigned;
import dev.kehu.events.customer.servicerequest.ServiceRequestClosed;
import dev.kehu.events.customer.servicerequest.ServiceRequestReported;
import dev.kehu.events.customer.servicerequest.ServiceRequestResolvedByPhone;
import dev.kehu.events.customer.servicerequest.ServiceVisitCompleted;
import dev.kehu.query.customer360.Customer360View.Complaint;
import dev.kehu.query.customer360.Customer360View.Maybe;
import dev.kehu.query.customer360.Customer360View.ServiceRequest;
import dev.kehu.query.projection.Docs;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The part of {@link Customer360Fold} for after-sales service requests: every open request and the
 * {@value #RECENT_CLOSED} closed last (by closing day), reported first, each with the complaints that refer to it; a
 * recent complaint shows the request it refers to. The list is absent before the first request; its stored shape is
 * defined here too.
 */
final class Customer360ServiceRequests {

    static final int RECENT_CLOSED = 10;
    static final Set<Class<?>> EVENTS = Set.of(ServiceRequestReported.class, ServiceRequestResolvedByPhone.class,
            ServiceAppointmentBooked.class, ServiceAppointmentRescheduled.class, ServiceEngineerReassigned.class,
            ServiceVisitCompleted.class, ServiceRequestClosed.class, ComplaintLinkedToServiceRequest.class);

    private Customer360ServiceRequests() {
    }

    /** Applies a service request event to the draft; false for any other event. */
    static boolean change(Customer360Draft d, Object payload) {
        if (payload instanceof ServiceRequestReported e) {
            List<ServiceRequest> requests = d.serviceRequests == null ? new ArrayList<>() : d.serviceRequests;
            if (Customer360Fold.findBy(requests, ServiceRequest::requestId, e.requestId()) == null) {
                requests.add(new ServiceRequest(e.requestId(), e.problem(), e.equipment(), "REPORTED",
                        Docs.date(e.reportedOn()), null, null, null, null, null, List.of()));
            }
            d.serviceRequests = requests;
        } else if (payload instanceof ServiceRequestResolvedByPhone e) {
            update(d, e.requestId(), r -> with(r, "RESOLVED_BY_PHONE", e.engineer(), r.appointmentDate(), r.window()));
        } else if (payload instanceof ServiceAppointmentBooked e) {
            update(d, e.requestId(), r -> with(r, "BOOKED", e.engineer(), Docs.date(e.date()), e.window()));
        } else if (payload instanceof ServiceAppointmentRescheduled e) {
            update(d, e.requestId(), r -> with(r, r.status(), r.engineer(), Docs.date(e.date()), e.window()));
        } else if (payload instanceof ServiceEngineerReassigned e) {
            update(d, e.requestId(), r -> with(r, r.status(), e.engineer(), r.appointmentDate(), r.window()));
        } else if (payload instanceof ServiceVisitCompleted e) {
            update(d, e.requestId(), r -> with(r, "VISITED", r.engineer(), r.appointmentDate(), r.window()));
        } else if (payload instanceof ServiceRequestClosed e) {
            update(d, e.requestId(), r -> new ServiceRequest(r.requestId(), r.problem(), r.equipment(), "CLOSED",
                    r.reportedOn(), r.engineer(), r.appointmentDate(), r.window(), Docs.date(e.closedOn()),
                    e.satisfactionScore(), r.complaintIds()));
            trimClosed(d);
        } else if (payload instanceof ComplaintLinkedToServiceRequest e) {
            linked(d, e);
        } else {
            return false;
        }
        return true;
    }

    private static ServiceRequest with(ServiceRequest r, String status, String engineer, String date, String window) {
        return new ServiceRequest(r.requestId(), r.problem(), r.equipment(), status, r.reportedOn(), engineer, date, window,
                r.closedOn(), r.satisfactionScore(), r.complaintIds());
    }

    /** The complaint names the request; the request lists the complaint (and the previous one no longer does). */
    private static void linked(Customer360Draft d, ComplaintLinkedToServiceRequest e) {
        List<Complaint> recent = new ArrayList<>(d.complaints.recent());
        recent.replaceAll(c -> Objects.equals(c.complaintId(), e.complaintId()) ? new Complaint(c.complaintId(), c.subject(),
                c.status(), c.loggedAt(), c.resolvedAt(), c.satisfactionScore(), c.resolution(), new Maybe<>(e.requestId())) : c);
        d.complaints = Customer360Fold.complaints(d.complaints.open(), d.complaints.resolved(), recent);
        if (d.serviceRequests != null) {
            d.serviceRequests.replaceAll(r -> {
                List<String> complaints = new ArrayList<>(r.complaintIds());
                complaints.remove(e.complaintId());
                if (Objects.equals(r.requestId(), e.requestId())) {
                    complaints.add(e.complaintId());
                }
                return complaints.equals(r.complaintIds()) ? r : new ServiceRequest(r.requestId(), r.problem(), r.equipment(),
                        r.status(), r.reportedOn(), r.engineer(), r.appointmentDate(), r.window(), r.closedOn(),
                        r.satisfactionScore(), Customer360Draft.frozen(complaints));
            });
        }
    }

    static Document encode(ServiceRequest r) {
        return new Document("requestId", r.requestId()).append("problem", r.problem()).append("equipment", r.equipment())
                .append("status", r.status()).append("reportedOn", r.reportedOn()).append("engineer", r.engineer())
                .append("appointmentDate", r.appointmentDate()).append("window", r.window())
                .append("closedOn", r.closedOn()).append("satisfactionScore", r.satisfactionScore())
                .append("complaintIds", new ArrayList<>(r.complaintIds()));
    }

    static ServiceRequest decode(Document r) {
        return new ServiceRequest(r.getString("requestId"), r.getString("problem"), r.getString("equipment"),
                r.getString("status"), r.getString("reportedOn"), r.getString("engineer"), r.getString("appointmentDate"),
                r.getString("window"), r.getString("closedOn"), r.getInteger("satisfactionScore"),
                Customer360Draft.frozen(r.getList("complaintIds", String.class, List.of())));
    }

    private static void update(Customer360Draft d, String requestId, UnaryOperator<ServiceRequest> change) {
        if (d.serviceRequests == null) {
            return;
        }
        ServiceRequest request = Customer360Fold.findBy(d.serviceRequests, ServiceRequest::requestId, requestId);
        if (request != null) {
            Customer360Fold.putBy(d.serviceRequests, ServiceRequest::requestId, requestId, change.apply(request));
        }
    }

    /** Keeps every open request and only the latest closed ones. */
    private static void trimClosed(Customer360Draft d) {
        List<ServiceRequest> closed = d.serviceRequests.stream().filter(r -> "CLOSED".equals(r.status())).toList();
        if (closed.size() <= RECENT_CLOSED) {
            return;
        }
        List<ServiceRequest> dropped = closed.stream()
                .sorted(Comparator.comparing(ServiceRequest::closedOn, Comparator.nullsFirst(Comparator.naturalOrder())))
                .limit(closed.size() - RECENT_CLOSED).toList();
        d.serviceRequests.removeIf(r -> dropped.stream().anyMatch(gone -> gone == r));
    }
}
