package dev.kehu.command.customer.web;

import static dev.kehu.command.customer.web.RequestText.blank;
import static dev.kehu.command.customer.web.RequestText.trimmed;

import dev.kehu.command.customer.CustomerCalendar;
import dev.kehu.command.customer.CustomerCommand.AddContact;
import dev.kehu.command.customer.CustomerCommand.AssignAccountManager;
import dev.kehu.command.customer.CustomerCommand.ChangeContact;
import dev.kehu.command.customer.CustomerCommand.ChangeCustomerProfile;
import dev.kehu.command.customer.CustomerCommand.ChoosePrimaryContact;
import dev.kehu.command.customer.CustomerCommand.CompleteFollowUp;
import dev.kehu.command.customer.CustomerCommand.DropCustomer;
import dev.kehu.command.customer.CustomerCommand.LogComplaint;
import dev.kehu.command.customer.CustomerCommand.MarkCustomerChurned;
import dev.kehu.command.customer.CustomerCommand.MarkCustomerDormant;
import dev.kehu.command.customer.CustomerCommand.MergeCustomer;
import dev.kehu.command.customer.CustomerCommand.ReactivateCustomer;
import dev.kehu.command.customer.CustomerCommand.RecordInteraction;
import dev.kehu.command.customer.CustomerCommand.RecordReturnVisit;
import dev.kehu.command.customer.CustomerCommand.RegisterCustomer;
import dev.kehu.command.customer.CustomerCommand.RemoveContact;
import dev.kehu.command.customer.CustomerCommand.RescheduleFollowUp;
import dev.kehu.command.customer.CustomerCommand.ResolveComplaint;
import dev.kehu.command.customer.uniqueness.CustomerUniqueness;
import dev.kehu.command.customer.web.CustomerRequests.AccountManagerRequest;
import dev.kehu.command.customer.web.CustomerRequests.ChangeProfileRequest;
import dev.kehu.command.customer.web.CustomerRequests.ProfileFields;
import dev.kehu.command.customer.web.CustomerRequests.ChurnRequest;
import dev.kehu.command.customer.web.CustomerRequests.ComplaintRequest;
import dev.kehu.command.customer.web.CustomerRequests.ComplaintResolutionRequest;
import dev.kehu.command.customer.web.CustomerRequests.CompleteFollowUpRequest;
import dev.kehu.command.customer.web.CustomerRequests.ContactRequest;
import dev.kehu.command.customer.web.CustomerRequests.DropRequest;
import dev.kehu.command.customer.web.CustomerRequests.InteractionRequest;
import dev.kehu.command.customer.web.CustomerRequests.MergeRequest;
import dev.kehu.command.customer.web.CustomerRequests.PrimaryContactRequest;
import dev.kehu.command.customer.web.CustomerRequests.ReactivateRequest;
import dev.kehu.command.customer.web.CustomerRequests.RegisterCustomerRequest;
import dev.kehu.command.customer.web.CustomerRequests.RescheduleFollowUpRequest;
import dev.kehu.command.customer.web.CustomerRequests.ReturnVisitRequest;
import dev.kehu.command.web.CommandContext;
import dev.kehu.command.web.CommandDispatcher;
import dev.kehu.command.web.CommandExecutor;
import dev.kehu.command.web.InvalidRequestField;
import dev.kehu.events.customer.contact.ContactCard;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.contact.Phone;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Customer command API under {@code /api/customers} (credit, ERP facts and value tier are in
 * {@link CustomerCreditController}). Every endpoint follows the conventions of
 * {@code dev.kehu.command.web} (X-Actor, X-Reason, X-Correlation-Id, Idempotency-Key, If-Match,
 * problem+json) and answers {@code {"id","version","position",…}} with an ETag.
 *
 * <pre>
 * POST   /api/customers                                         register (201, Location)
 * PUT    /api/customers/{id}/profile                            change profile (uniqueness claims swapped)
 * POST   /api/customers/{id}/contacts                           add contact (201, contactId)
 * PUT    /api/customers/{id}/contacts/{contactId}               change contact
 * DELETE /api/customers/{id}/contacts/{contactId}               remove contact
 * PUT    /api/customers/{id}/primary-contact                    choose primary contact
 * PUT    /api/customers/{id}/account-manager                    assign / reassign (reason required to reassign)
 * POST   /api/customers/{id}/interactions                       record interaction (201, interactionId, followUpId)
 * POST   /api/customers/{id}/follow-ups/{followUpId}/completion complete follow-up
 * PUT    /api/customers/{id}/follow-ups/{followUpId}/due-date   reschedule follow-up
 * POST   /api/customers/{id}/complaints                         log complaint (201, complaintId)
 * POST   /api/customers/{id}/complaints/{complaintId}/resolution resolve with satisfaction score 1–5
 * POST   /api/customers/{id}/return-visits                      record return visit (201, returnVisitId)
 * POST   /api/customers/{id}/lifecycle/dormant                  mark dormant (no body)
 * POST   /api/customers/{id}/lifecycle/churned                  mark churned (reason, competitor)
 * POST   /api/customers/{id}/lifecycle/reactivated              reactivate (reason optional)
 * POST   /api/customers/{id}/lifecycle/dropped                  drop (放弃名单, reason)
 * POST   /api/customers/{id}/merge                              merge this duplicate into survivorId
 * </pre>
 */
@RestController
@RequestMapping("/api/customers")
public class CustomerController {

    private final CommandExecutor commands;
    private final CommandDispatcher dispatcher;
    private final CustomerUniqueness uniqueness;
    private final CustomerCalendar calendar;

    public CustomerController(CommandExecutor commands, CommandDispatcher dispatcher,
                              CustomerUniqueness uniqueness, CustomerCalendar calendar) {
        this.commands = commands;
        this.dispatcher = dispatcher;
        this.uniqueness = uniqueness;
        this.calendar = calendar;
    }

    // ------------------------------------------------------------ registration and profile

    @PostMapping
    public ResponseEntity<String> register(CommandContext context, @Valid @RequestBody RegisterCustomerRequest body) {
        CustomerProfile profile = profile(body);
        if (body.kind() == CustomerKind.COMPANY && profile.creditCode() == null) {
            throw new InvalidRequestField("creditCode", "is required for a company customer");
        }
        String customerId = UUID.randomUUID().toString();
        return commands.execute(context, body, HttpStatus.CREATED, "/api/customers/" + customerId,
                () -> uniqueness.register(customerId, body.kind(), profile,
                        () -> dispatcher.send(context, new RegisterCustomer(customerId, body.kind(), profile))));
    }

    @PutMapping("/{customerId}/profile")
    public ResponseEntity<String> changeProfile(@PathVariable String customerId, CommandContext context,
                                                @Valid @RequestBody ChangeProfileRequest body) {
        CustomerProfile profile = profile(body);
        return commands.execute(context, body, () -> uniqueness.changeProfile(customerId, profile,
                () -> dispatcher.send(context, new ChangeCustomerProfile(customerId, profile))));
    }

    private static CustomerProfile profile(ProfileFields body) {
        if (blank(body.chineseName()) && blank(body.latinName())) {
            throw new InvalidRequestField("chineseName", "a chineseName or a latinName is required");
        }
        String creditCode = body.creditCode();
        String mobile = body.mobile();
        return new CustomerProfile(trimmed(body.chineseName()), trimmed(body.latinName()),
                blank(creditCode) ? null : creditCode.strip().toUpperCase(java.util.Locale.ROOT),
                blank(mobile) ? null : Phone.of(mobile.strip()), trimmed(body.email()), trimmed(body.industry()),
                trimmed(body.region()), trimmed(body.segment()), trimmed(body.sourceChannel()), body.tags(),
                body.addresses(), body.preferences(), body.notes());
    }

    // ------------------------------------------------------------ contacts

    @PostMapping("/{customerId}/contacts")
    public ResponseEntity<String> addContact(@PathVariable String customerId, CommandContext context,
                                             @Valid @RequestBody ContactRequest body) {
        String contactId = UUID.randomUUID().toString();
        return commands.create(context, body, "/api/customers/" + customerId + "/contacts/" + contactId,
                "contactId", contactId, () -> new AddContact(customerId, contact(contactId, body)));
    }

    @PutMapping("/{customerId}/contacts/{contactId}")
    public ResponseEntity<String> changeContact(@PathVariable String customerId, @PathVariable String contactId,
                                                CommandContext context, @Valid @RequestBody ContactRequest body) {
        return commands.execute(context, body,
                () -> dispatcher.send(context, new ChangeContact(customerId, contact(contactId, body)))
                        .with("contactId", contactId));
    }

    @DeleteMapping("/{customerId}/contacts/{contactId}")
    public ResponseEntity<String> removeContact(@PathVariable String customerId, @PathVariable String contactId,
                                                CommandContext context) {
        return commands.execute(context, null,
                () -> dispatcher.send(context, new RemoveContact(customerId, contactId)).with("contactId", contactId));
    }

    @PutMapping("/{customerId}/primary-contact")
    public ResponseEntity<String> choosePrimaryContact(@PathVariable String customerId, CommandContext context,
                                                       @Valid @RequestBody PrimaryContactRequest body) {
        return commands.send(context, body, () -> new ChoosePrimaryContact(customerId, body.contactId()));
    }

    private static ContactCard contact(String contactId, ContactRequest body) {
        List<Phone> phones = body.phones() == null ? List.of()
                : body.phones().stream().map(p -> Phone.of(p.strip())).toList();
        List<String> emails = body.emails() == null ? List.of()
                : body.emails().stream().map(e -> e.strip().toLowerCase(java.util.Locale.ROOT)).toList();
        return new ContactCard(contactId, body.name().strip(), trimmed(body.title()), phones, emails, body.notes());
    }

    // ------------------------------------------------------------ account manager

    @PutMapping("/{customerId}/account-manager")
    public ResponseEntity<String> assignAccountManager(@PathVariable String customerId, CommandContext context,
                                                       @Valid @RequestBody AccountManagerRequest body) {
        return commands.sendWithReason(context, body, body.reason(),
                reason -> new AssignAccountManager(customerId, body.accountManager().strip(), reason));
    }

    // ------------------------------------------------------------ interactions and follow-ups

    @PostMapping("/{customerId}/interactions")
    public ResponseEntity<String> recordInteraction(@PathVariable String customerId, CommandContext context,
                                                    @Valid @RequestBody InteractionRequest body) {
        String interactionId = UUID.randomUUID().toString();
        String followUpId = body.nextFollowUpOn() == null ? null : UUID.randomUUID().toString();
        return commands.execute(context, body, HttpStatus.CREATED, null,
                () -> dispatcher.send(context, new RecordInteraction(customerId, interactionId, body.channel(),
                                body.contactId(), body.occurredOn(), body.outcome(), body.notes(), followUpId,
                                body.nextFollowUpOn()))
                        .with("interactionId", interactionId).with("followUpId", followUpId));
    }

    @PostMapping("/{customerId}/follow-ups/{followUpId}/completion")
    public ResponseEntity<String> completeFollowUp(@PathVariable String customerId, @PathVariable String followUpId,
                                                   CommandContext context,
                                                   @Valid @RequestBody CompleteFollowUpRequest body) {
        var completedOn = body.completedOn() != null ? body.completedOn() : calendar.today();
        return commands.send(context, body, () -> new CompleteFollowUp(customerId, followUpId, completedOn, body.outcome()));
    }

    @PutMapping("/{customerId}/follow-ups/{followUpId}/due-date")
    public ResponseEntity<String> rescheduleFollowUp(@PathVariable String customerId, @PathVariable String followUpId,
                                                     CommandContext context,
                                                     @Valid @RequestBody RescheduleFollowUpRequest body) {
        return commands.send(context, body, () -> new RescheduleFollowUp(customerId, followUpId, body.dueOn()));
    }

    // ------------------------------------------------------------ service

    @PostMapping("/{customerId}/complaints")
    public ResponseEntity<String> logComplaint(@PathVariable String customerId, CommandContext context,
                                               @Valid @RequestBody ComplaintRequest body) {
        String complaintId = UUID.randomUUID().toString();
        return commands.create(context, body, null, "complaintId", complaintId, () -> new LogComplaint(customerId,
                complaintId, body.contactId(), body.subject().strip(), body.description()));
    }

    @PostMapping("/{customerId}/complaints/{complaintId}/resolution")
    public ResponseEntity<String> resolveComplaint(@PathVariable String customerId, @PathVariable String complaintId,
                                                   CommandContext context,
                                                   @Valid @RequestBody ComplaintResolutionRequest body) {
        return commands.execute(context, body, () -> dispatcher.send(context, new ResolveComplaint(customerId,
                complaintId, body.resolution(), body.satisfactionScore())).with("complaintId", complaintId));
    }

    @PostMapping("/{customerId}/return-visits")
    public ResponseEntity<String> recordReturnVisit(@PathVariable String customerId, CommandContext context,
                                                    @Valid @RequestBody ReturnVisitRequest body) {
        String returnVisitId = UUID.randomUUID().toString();
        return commands.create(context, body, null, "returnVisitId", returnVisitId, () -> new RecordReturnVisit(customerId,
                returnVisitId, body.complaintId(), body.visitedOn(), body.notes(), body.satisfactionScore()));
    }

    // ------------------------------------------------------------ lifecycle and merge

    @PostMapping("/{customerId}/lifecycle/dormant")
    public ResponseEntity<String> markDormant(@PathVariable String customerId, CommandContext context) {
        return commands.send(context, null, () -> new MarkCustomerDormant(customerId));
    }

    @PostMapping("/{customerId}/lifecycle/churned")
    public ResponseEntity<String> markChurned(@PathVariable String customerId, CommandContext context,
                                              @Valid @RequestBody ChurnRequest body) {
        return commands.sendWithReason(context, body, body.reason(),
                reason -> new MarkCustomerChurned(customerId, reason, trimmed(body.competitor())));
    }

    @PostMapping("/{customerId}/lifecycle/reactivated")
    public ResponseEntity<String> reactivate(@PathVariable String customerId, CommandContext context,
                                             @Valid @RequestBody(required = false) ReactivateRequest body) {
        return commands.sendWithReason(context, body, body == null ? null : body.reason(),
                reason -> new ReactivateCustomer(customerId, reason));
    }

    @PostMapping("/{customerId}/lifecycle/dropped")
    public ResponseEntity<String> drop(@PathVariable String customerId, CommandContext context,
                                       @Valid @RequestBody DropRequest body) {
        return commands.sendWithReason(context, body, body.reason(), reason -> new DropCustomer(customerId, reason));
    }

    @PostMapping("/{customerId}/merge")
    public ResponseEntity<String> merge(@PathVariable String customerId, CommandContext context,
                                        @Valid @RequestBody MergeRequest body) {
        return commands.execute(context, body, () -> dispatcher.send(context,
                new MergeCustomer(customerId, body.survivorId().strip())).with("survivorId", body.survivorId().strip()));
    }
}
