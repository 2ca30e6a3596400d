package dev.kehu.command.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.kehu.command.customer.CustomerCommand.LinkComplaintToServiceRequest;
import dev.kehu.command.customer.CustomerCommand.LogComplaint;
import dev.kehu.command.customer.CustomerCommand.RecordReturnVisit;
import dev.kehu.command.customer.CustomerCommand.ResolveComplaint;
import dev.kehu.command.customer.CustomerConflict.ComplaintAlreadyResolved;
import dev.kehu.command.customer.CustomerPartNotFound.ComplaintNotFound;
import dev.kehu.command.customer.CustomerRuleRefusal.SatisfactionScoreOutOfRange;
import dev.kehu.events.customer.service.ComplaintLinkedToServiceRequest;
import dev.kehu.events.customer.service.ComplaintLogged;
import dev.kehu.events.customer.service.ComplaintResolved;
import dev.kehu.events.customer.service.ReturnVisitRecorded;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * After-sales service (售后): complaints (投诉), their resolution with a satisfaction score 1–5, and
 * return visits (回访). Part of the {@link Customer} aggregate ({@code @AggregateMember}). Logging a
 * complaint or a return visit again with the same id changes nothing. A complaint may refer to one service request
 * (the root checks that it exists); linking it to the same request again changes nothing, to another one moves the
 * link (the event names the previous request).
 */
final class ServiceRecord {

    /** Complaint id → resolved. */
    private final Map<String, Boolean> complaintsResolved = new LinkedHashMap<>();
    private final Set<String> returnVisits = new HashSet<>();
    /** Complaint id → the service request it refers to. */
    private final Map<String, String> serviceRequestOf = new HashMap<>();

    /** Logs the complaint; the caller has checked its contact. */
    void logComplaint(String customerId, LogComplaint command) {
        if (!complaintsResolved.containsKey(command.complaintId())) {
            apply(new ComplaintLogged(customerId, command.complaintId(), command.contactId(), command.subject(),
                    command.description()));
        }
    }

    @CommandHandler
    void handle(ResolveComplaint command) {
        Boolean resolved = complaintsResolved.get(command.complaintId());
        if (resolved == null) {
            throw new ComplaintNotFound(command.complaintId());
        }
        if (resolved) {
            throw new ComplaintAlreadyResolved(command.complaintId());
        }
        requireScore(command.satisfactionScore());
        apply(new ComplaintResolved(command.customerId(), command.complaintId(), command.resolution(), command.satisfactionScore()));
    }

    /** Links the complaint to a service request; the caller has checked that the request exists. */
    void linkToServiceRequest(String customerId, LinkComplaintToServiceRequest command) {
        if (!complaintsResolved.containsKey(command.complaintId())) {
            throw new ComplaintNotFound(command.complaintId());
        }
        String previous = serviceRequestOf.get(command.complaintId());
        if (!Objects.equals(previous, command.requestId())) {
            apply(new ComplaintLinkedToServiceRequest(customerId, command.complaintId(), command.requestId(), previous));
        }
    }

    @CommandHandler
    void handle(RecordReturnVisit command) {
        if (command.complaintId() != null && !complaintsResolved.containsKey(command.complaintId())) {
            throw new ComplaintNotFound(command.complaintId());
        }
        if (command.satisfactionScore() != null) {
            requireScore(command.satisfactionScore());
        }
        if (!returnVisits.contains(command.returnVisitId())) {
            apply(new ReturnVisitRecorded(command.customerId(), command.returnVisitId(), command.complaintId(),
                    command.visitedOn(), command.notes(), command.satisfactionScore()));
        }
    }

    private static void requireScore(int score) {
        if (score < 1 || score > 5) {
            throw new SatisfactionScoreOutOfRange(score);
        }
    }

    List<String> complaintIds() {
        return List.copyOf(complaintsResolved.keySet());
    }

    @EventSourcingHandler
    void on(ComplaintLogged event) {
        complaintsResolved.put(event.complaintId(), false);
    }

    @EventSourcingHandler
    void on(ComplaintResolved event) {
        complaintsResolved.put(event.complaintId(), true);
    }

    @EventSourcingHandler
    void on(ComplaintLinkedToServiceRequest event) {
        serviceRequestOf.put(event.complaintId(), event.requestId());
    }

    @EventSourcingHandler
    void on(ReturnVisitRecorded event) {
        returnVisits.add(event.returnVisitId());
    }
}
