package dev.kehu.command.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.kehu.command.customer.CustomerCommand.BookServiceAppointment;
import dev.kehu.command.customer.CustomerCommand.CloseServiceRequest;
import dev.kehu.command.customer.CustomerCommand.CompleteServiceVisit;
import dev.kehu.command.customer.CustomerCommand.ReassignServiceEngineer;
import dev.kehu.command.customer.CustomerCommand.ReportServiceRequest;
import dev.kehu.command.customer.CustomerCommand.RescheduleServiceAppointment;
import dev.kehu.command.customer.CustomerCommand.ResolveServiceRequestByPhone;
import dev.kehu.command.customer.CustomerConflict.ServiceRequestStepRefused;
import dev.kehu.command.customer.CustomerPartNotFound.ServiceRequestNotFound;
import dev.kehu.command.customer.CustomerRuleRefusal.SatisfactionScoreOutOfRange;
import dev.kehu.events.customer.servicerequest.ServiceAppointmentBooked;
import dev.kehu.events.customer.servicerequest.ServiceAppointmentRescheduled;
import dev.kehu.events.customer.servicerequest.ServiceEngineerReassigned;
import dev.kehu.events.customer.servicerequest.ServiceRequestClosed;
import dev.kehu.events.customer.servicerequest.ServiceRequestReported;
import dev.kehu.events.customer.servicerequest.ServiceRequestResolvedByPhone;
import dev.kehu.events.customer.servicerequest.ServiceVisitCompleted;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * After-sales service requests (售后服务): part of the {@link Customer} aggregate ({@code @AggregateMember}). A fault
 * is reported (the root checks the reporting contact), then either resolved on the phone or booked for an on-site
 * visit (day, time window, engineer; rescheduled or given to another engineer with a reason while booked); the visit
 * is done with its outcome (another visit may be booked after it); a request resolved on the phone or visited is
 * closed with a satisfaction score 1–5. A step out of this order is a {@link ServiceRequestStepRefused} (409).
 * Reporting the same id again changes nothing; so does booking, rescheduling or reassigning to what is booked.
 */
final class ServiceRequests {

    /** Where a request stands. */
    enum Status { REPORTED, RESOLVED_BY_PHONE, BOOKED, VISITED, CLOSED }

    /** A request's state: its status and the booked visit (day, window, engineer) while there is one. */
    private record Request(Status status, LocalDate date, String window, String engineer) {
        Request with(Status next) {
            return new Request(next, date, window, engineer);
        }
    }

    private final Map<String, Request> requests = new LinkedHashMap<>();

    /** Called by the root, which checks the reporting contact first. */
    void report(String customerId, ReportServiceRequest command) {
        if (!requests.containsKey(command.requestId())) {
            apply(new ServiceRequestReported(customerId, command.requestId(), command.problem(), command.equipment(),
                    command.contactId(), command.channel(), command.reportedOn()));
        }
    }

    @CommandHandler
    void handle(ResolveServiceRequestByPhone command) {
        require(command.requestId(), "resolved on the phone", Status.REPORTED);
        apply(new ServiceRequestResolvedByPhone(command.customerId(), command.requestId(), command.engineer(),
                command.resolution(), command.resolvedOn()));
    }

    @CommandHandler
    void handle(BookServiceAppointment command) {
        Request request = require(command.requestId(), "booked", Status.REPORTED, Status.VISITED, Status.BOOKED);
        if (request.status() == Status.BOOKED) {
            if (Objects.equals(request.date(), command.date()) && Objects.equals(request.window(), command.window())
                    && Objects.equals(request.engineer(), command.engineer())) {
                return;
            }
            throw new ServiceRequestStepRefused(command.requestId(), request.status().name(),
                    "booked again (reschedule it or reassign its engineer)");
        }
        apply(new ServiceAppointmentBooked(command.customerId(), command.requestId(), command.date(), command.window(),
                command.engineer()));
    }

    @CommandHandler
    void handle(RescheduleServiceAppointment command) {
        Request request = require(command.requestId(), "rescheduled", Status.BOOKED);
        if (!Objects.equals(request.date(), command.date()) || !Objects.equals(request.window(), command.window())) {
            apply(new ServiceAppointmentRescheduled(command.customerId(), command.requestId(), command.date(),
                    command.window(), request.date(), request.window(), command.reason()));
        }
    }

    @CommandHandler
    void handle(ReassignServiceEngineer command) {
        Request request = require(command.requestId(), "given to another engineer", Status.BOOKED);
        if (!Objects.equals(request.engineer(), command.engineer())) {
            apply(new ServiceEngineerReassigned(command.customerId(), command.requestId(), command.engineer(),
                    request.engineer(), command.reason()));
        }
    }

    @CommandHandler
    void handle(CompleteServiceVisit command) {
        require(command.requestId(), "visited", Status.BOOKED);
        apply(new ServiceVisitCompleted(command.customerId(), command.requestId(), command.visitedOn(), command.outcome()));
    }

    @CommandHandler
    void handle(CloseServiceRequest command) {
        require(command.requestId(), "closed", Status.RESOLVED_BY_PHONE, Status.VISITED);
        if (command.satisfactionScore() < 1 || command.satisfactionScore() > 5) {
            throw new SatisfactionScoreOutOfRange(command.satisfactionScore());
        }
        apply(new ServiceRequestClosed(command.customerId(), command.requestId(), command.closedOn(),
                command.satisfactionScore()));
    }

    /** Throws {@link ServiceRequestNotFound} unless the request was reported on this customer (any status). */
    void requireKnown(String requestId) {
        if (!requests.containsKey(requestId)) {
            throw new ServiceRequestNotFound(requestId);
        }
    }

    private Request require(String requestId, String step, Status... allowed) {
        Request request = requests.get(requestId);
        if (request == null) {
            throw new ServiceRequestNotFound(requestId);
        }
        for (Status status : allowed) {
            if (request.status() == status) {
                return request;
            }
        }
        throw new ServiceRequestStepRefused(requestId, request.status().name(), step);
    }

    @EventSourcingHandler
    void on(ServiceRequestReported event) {
        requests.put(event.requestId(), new Request(Status.REPORTED, null, null, null));
    }

    @EventSourcingHandler
    void on(ServiceRequestResolvedByPhone event) {
        requests.computeIfPresent(event.requestId(), (id, request) -> request.with(Status.RESOLVED_BY_PHONE));
    }

    @EventSourcingHandler
    void on(ServiceAppointmentBooked event) {
        requests.computeIfPresent(event.requestId(), (id, request) ->
                new Request(Status.BOOKED, event.date(), event.window(), event.engineer()));
    }

    @EventSourcingHandler
    void on(ServiceAppointmentRescheduled event) {
        requests.computeIfPresent(event.requestId(), (id, request) ->
                new Request(request.status(), event.date(), event.window(), request.engineer()));
    }

    @EventSourcingHandler
    void on(ServiceEngineerReassigned event) {
        requests.computeIfPresent(event.requestId(), (id, request) ->
                new Request(request.status(), request.date(), request.window(), event.engineer()));
    }

    @EventSourcingHandler
    void on(ServiceVisitCompleted event) {
        requests.computeIfPresent(event.requestId(), (id, request) -> request.with(Status.VISITED));
    }

    @EventSourcingHandler
    void on(ServiceRequestClosed event) {
        requests.computeIfPresent(event.requestId(), (id, request) -> request.with(Status.CLOSED));
    }
}
