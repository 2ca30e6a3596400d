package dev.kehu.command.customer.web;

import dev.kehu.command.customer.CustomerCalendar;
import dev.kehu.command.customer.CustomerCommand.BookServiceAppointment;
import dev.kehu.command.customer.CustomerCommand.CloseServiceRequest;
import dev.kehu.command.customer.CustomerCommand.CompleteServiceVisit;
import dev.kehu.command.customer.CustomerCommand.LinkComplaintToServiceRequest;
import dev.kehu.command.customer.CustomerCommand.ReassignServiceEngineer;
import dev.kehu.command.customer.CustomerCommand.ReportServiceRequest;
import dev.kehu.command.customer.CustomerCommand.RescheduleServiceAppointment;
import dev.kehu.command.customer.CustomerCommand.ResolveServiceRequestByPhone;
import dev.kehu.command.customer.web.ServiceRequestRequests.AppointmentRequest;
import dev.kehu.command.customer.web.ServiceRequestRequests.ClosureRequest;
import dev.kehu.command.customer.web.ServiceRequestRequests.ComplaintLinkRequest;
import dev.kehu.command.customer.web.ServiceRequestRequests.PhoneResolutionRequest;
import dev.kehu.command.customer.web.ServiceRequestRequests.ReassignRequest;
import dev.kehu.command.customer.web.ServiceRequestRequests.ReportRequest;
import dev.kehu.command.customer.web.ServiceRequestRequests.RescheduleRequest;
import dev.kehu.command.customer.web.ServiceRequestRequests.VisitRequest;
import dev.kehu.command.web.CommandContext;
import dev.kehu.command.web.CommandExecutor;
import dev.kehu.command.web.InvalidRequestField;
import jakarta.validation.Valid;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * After-sales service requests (售后服务) of a customer, under {@code /api/customers}; conventions as in
 * {@link CustomerController}. Dates not given are today; none may lie after today, but an appointment's.
 *
 * <pre>
 * POST /api/customers/{id}/service-requests                         report a fault (201, requestId)
 * POST /api/customers/{id}/service-requests/{rid}/phone-resolution  resolved on the phone
 * POST /api/customers/{id}/service-requests/{rid}/appointment       book an on-site visit (date, window, engineer)
 * PUT  /api/customers/{id}/service-requests/{rid}/appointment       reschedule it (date, window, reason)
 * PUT  /api/customers/{id}/service-requests/{rid}/engineer          give it to another engineer (engineer, reason)
 * POST /api/customers/{id}/service-requests/{rid}/visit             the visit was done (outcome)
 * POST /api/customers/{id}/service-requests/{rid}/closure           close with a satisfaction score 1–5
 * PUT  /api/customers/{id}/complaints/{cid}/service-request          the complaint refers to a request (requestId)
 * </pre>
 */
@RestController
@RequestMapping("/api/customers/{customerId}")
public class CustomerServiceRequestController {

    private final CommandExecutor commands;
    private final CustomerCalendar calendar;

    public CustomerServiceRequestController(CommandExecutor commands, CustomerCalendar calendar) {
        this.commands = commands;
        this.calendar = calendar;
    }

    @PostMapping("/service-requests")
    public ResponseEntity<String> report(@PathVariable String customerId, CommandContext context,
                                         @Valid @RequestBody ReportRequest body) {
        String requestId = UUID.randomUUID().toString();
        LocalDate reportedOn = pastOrToday("reportedOn", body.reportedOn());
        return commands.create(context, body, null, "requestId", requestId, () -> new ReportServiceRequest(customerId,
                requestId, body.problem().strip(), body.equipment().strip(), RequestText.trimmed(body.contactId()),
                body.channel(), reportedOn));
    }

    @PostMapping("/service-requests/{requestId}/phone-resolution")
    public ResponseEntity<String> resolveByPhone(@PathVariable String customerId, @PathVariable String requestId,
                                                 CommandContext context, @Valid @RequestBody PhoneResolutionRequest body) {
        LocalDate resolvedOn = pastOrToday("resolvedOn", body.resolvedOn());
        return commands.send(context, body, () -> new ResolveServiceRequestByPhone(customerId, requestId, body.engineer().strip(), body.resolution().strip(), resolvedOn));
    }

    @PostMapping("/service-requests/{requestId}/appointment")
    public ResponseEntity<String> book(@PathVariable String customerId, @PathVariable String requestId,
                                       CommandContext context, @Valid @RequestBody AppointmentRequest body) {
        return commands.send(context, body, () -> new BookServiceAppointment(customerId, requestId, body.date(), body.window(), body.engineer().strip()));
    }

    @PutMapping("/service-requests/{requestId}/appointment")
    public ResponseEntity<String> reschedule(@PathVariable String customerId, @PathVariable String requestId,
                                             CommandContext context, @Valid @RequestBody RescheduleRequest body) {
        return commands.sendWithReason(context, body, body.reason(), reason -> new RescheduleServiceAppointment(customerId,
                requestId, body.date(), body.window(), reason.strip()));
    }

    @PutMapping("/service-requests/{requestId}/engineer")
    public ResponseEntity<String> reassign(@PathVariable String customerId, @PathVariable String requestId,
                                           CommandContext context, @Valid @RequestBody ReassignRequest body) {
        return commands.sendWithReason(context, body, body.reason(), reason -> new ReassignServiceEngineer(customerId,
                requestId, body.engineer().strip(), reason.strip()));
    }

    @PostMapping("/service-requests/{requestId}/visit")
    public ResponseEntity<String> visit(@PathVariable String customerId, @PathVariable String requestId,
                                        CommandContext context, @Valid @RequestBody VisitRequest body) {
        LocalDate visitedOn = pastOrToday("visitedOn", body.visitedOn());
        return commands.send(context, body, () -> new CompleteServiceVisit(customerId, requestId, visitedOn, body.outcome().strip()));
    }

    @PostMapping("/service-requests/{requestId}/closure")
    public ResponseEntity<String> close(@PathVariable String customerId, @PathVariable String requestId,
                                        CommandContext context, @Valid @RequestBody ClosureRequest body) {
        LocalDate closedOn = pastOrToday("closedOn", body.closedOn());
        return commands.send(context, body, () -> new CloseServiceRequest(customerId, requestId, closedOn, body.satisfactionScore()));
    }

    @PutMapping("/complaints/{complaintId}/service-request")
    public ResponseEntity<String> linkComplaint(@PathVariable String customerId, @PathVariable String complaintId,
                                                CommandContext context, @Valid @RequestBody ComplaintLinkRequest body) {
        String requestId = body.requestId().strip();
        return commands.send(context, body, () -> new LinkComplaintToServiceRequest(customerId, complaintId, requestId),
                result -> result.with("complaintId", complaintId).with("requestId", requestId));
    }

    private LocalDate pastOrToday(String field, LocalDate date) {
        LocalDate today = calendar.today();
        if (date != null && date.isAfter(today)) {
            throw new InvalidRequestField(field, "must not be after today (" + today + ")");
        }
        return date != null ? date : today;
    }
}
