package dev.kehu.command.customer;

import dev.kehu.events.Money;
import dev.kehu.events.customer.contact.ContactCard;
import dev.kehu.events.customer.credit.CreditRating;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.delivery.DeliveryItem;
import dev.kehu.events.customer.delivery.DeliveryStatus;
import dev.kehu.events.customer.followup.InteractionChannel;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Every command a {@link Customer} accepts, in one closed set. A command is bound to its aggregate by
 * this type, not by its package: {@code AggregateBinding.forCommandsOf(CustomerCommand.class, …)} lets
 * {@code If-Match} versions and unknown-id 404s find the customer of any command here, and
 * {@code CommandBindingTest} fails when a command the Customer handles does not implement it.
 * Each record's first component is the target customer's id.
 */
public sealed interface CustomerCommand {

    /** The id of the customer the command targets. */
    String customerId();

    // ---------------------------------------------------------------- registration and profile

    /** Register a company or an individual. */
    record RegisterCustomer(@TargetAggregateIdentifier String customerId, CustomerKind kind, CustomerProfile profile)
            implements CustomerCommand {
    }

    /** Replace the customer's profile. */
    record ChangeCustomerProfile(@TargetAggregateIdentifier String customerId, CustomerProfile profile)
            implements CustomerCommand {
    }

    // ---------------------------------------------------------------- contacts

    /** Add a contact person to a company customer. */
    record AddContact(@TargetAggregateIdentifier String customerId, ContactCard contact) implements CustomerCommand {
    }

    /** Replace a contact's details. */
    record ChangeContact(@TargetAggregateIdentifier String customerId, ContactCard contact) implements CustomerCommand {
    }

    /** Remove a contact. */
    record RemoveContact(@TargetAggregateIdentifier String customerId, String contactId) implements CustomerCommand {
    }

    /** Make a contact the primary one. */
    record ChoosePrimaryContact(@TargetAggregateIdentifier String customerId, String contactId)
            implements CustomerCommand {
    }

    /** Erase a data subject's personal data (the individual customer itself, or a contact); see {@link PersonalData}. */
    record ErasePersonalData(@TargetAggregateIdentifier String customerId,
                             dev.kehu.events.customer.PersonalDataErased.SubjectType subjectType, String subjectId,
                             String reason) implements CustomerCommand {
    }

    // ---------------------------------------------------------------- account manager

    /** Assign or reassign the account manager; a reassignment needs a reason. */
    record AssignAccountManager(@TargetAggregateIdentifier String customerId, String accountManager, String reason)
            implements CustomerCommand {
    }

    // ---------------------------------------------------------------- interactions and follow-ups

    /**
     * Record a visit, call, meeting, e-mail or message; with nextFollowUpOn a follow-up with id followUpId is
     * scheduled.
     */
    record RecordInteraction(
            @TargetAggregateIdentifier String customerId,
            String interactionId,
            InteractionChannel channel,
            String contactId,
            LocalDate occurredOn,
            String outcome,
            String notes,
            String followUpId,
            LocalDate nextFollowUpOn) implements CustomerCommand {
    }

    /** Mark a follow-up as done. */
    record CompleteFollowUp(
            @TargetAggregateIdentifier String customerId,
            String followUpId,
            LocalDate completedOn,
            String outcome) implements CustomerCommand {
    }

    /** Move a follow-up to another date. */
    record RescheduleFollowUp(@TargetAggregateIdentifier String customerId, String followUpId, LocalDate dueOn)
            implements CustomerCommand {
    }

    // ---------------------------------------------------------------- credit

    /** Set the credit rating. */
    record SetCreditRating(@TargetAggregateIdentifier String customerId, CreditRating rating)
            implements CustomerCommand {
    }

    /**
     * Set the credit limit; its currency is the currency of all credit figures. asOf is today's date: a raise
     * beyond the {@link CreditReviewPolicy} needs an investigation no older than its months on that day.
     */
    record SetCreditLimit(@TargetAggregateIdentifier String customerId, Money limit, LocalDate asOf)
            implements CustomerCommand {
    }

    /**
     * Record a credit investigation (信用调查); recording the same id with the same content again changes nothing,
     * with other content it is refused (409).
     */
    record RecordCreditInvestigation(
            @TargetAggregateIdentifier String customerId,
            String investigationId,
            List<String> sources,
            String findings,
            String evaluation,
            CreditRating proposedRating,
            String investigatedBy,
            LocalDate investigatedOn) implements CustomerCommand {
    }

    /** Put the customer on credit hold. */
    record PlaceCreditHold(@TargetAggregateIdentifier String customerId, String reason) implements CustomerCommand {
    }

    /** Lift the credit hold. */
    record ReleaseCreditHold(@TargetAggregateIdentifier String customerId, String reason) implements CustomerCommand {
    }

    // ---------------------------------------------------------------- ERP facts and value tier

    /** Record an order from the ERP (idempotent on orderNumber); asOf is today's date for the tier re-evaluation. */
    record RecordOrder(
            @TargetAggregateIdentifier String customerId,
            String orderNumber,
            Money amount,
            LocalDate orderedOn,
            LocalDate asOf) implements CustomerCommand {
    }

    /** Record an invoice from the ERP (idempotent on invoiceNumber); orderNumber and opportunityId are optional. */
    record RecordInvoice(
            @TargetAggregateIdentifier String customerId,
            String invoiceNumber,
            Money amount,
            LocalDate invoicedOn,
            LocalDate dueOn,
            String orderNumber,
            String opportunityId) implements CustomerCommand {
    }

    /** Record a payment against an invoice (idempotent on paymentNumber). */
    record RecordPayment(
            @TargetAggregateIdentifier String customerId,
            String paymentNumber,
            String invoiceNumber,
            Money amount,
            LocalDate paidOn) implements CustomerCommand {
    }

    /** Record that the ERP reports an invoice overdue (idempotent on invoiceNumber). */
    record RecordOverdueInvoice(
            @TargetAggregateIdentifier String customerId,
            String invoiceNumber,
            LocalDate overdueSince) implements CustomerCommand {
    }

    /**
     * Record a delivery from the ERP (idempotent on deliveryNumber; the same delivery in a later status records the
     * change); items or amount, or both.
     */
    record RecordDelivery(
            @TargetAggregateIdentifier String customerId,
            String deliveryNumber,
            String orderNumber,
            LocalDate shippedOn,
            List<DeliveryItem> items,
            Money amount,
            DeliveryStatus status,
            LocalDate statusOn) implements CustomerCommand {
    }

    /** Re-evaluate the value tier on the given date (daily job). */
    record ReevaluateTier(@TargetAggregateIdentifier String customerId, LocalDate asOf) implements CustomerCommand {
    }

    // ---------------------------------------------------------------- after-sales service requests (售后服务)

    /** Report a fault; contactId is optional. */
    record ReportServiceRequest(@TargetAggregateIdentifier String customerId, String requestId, String problem,
                                String equipment, String contactId, InteractionChannel channel, LocalDate reportedOn)
            implements CustomerCommand {
    }

    /** The engineer answered it on the phone. */
    record ResolveServiceRequestByPhone(@TargetAggregateIdentifier String customerId, String requestId, String engineer,
                                        String resolution, LocalDate resolvedOn) implements CustomerCommand {
    }

    /** Book an on-site visit: day, time window, engineer. */
    record BookServiceAppointment(@TargetAggregateIdentifier String customerId, String requestId, LocalDate date,
                                  String window, String engineer) implements CustomerCommand {
    }

    /** Move the booked visit to another day or window, with a reason. */
    record RescheduleServiceAppointment(@TargetAggregateIdentifier String customerId, String requestId, LocalDate date,
                                        String window, String reason) implements CustomerCommand {
    }

    /** Give the booked visit to another engineer, with a reason. */
    record ReassignServiceEngineer(@TargetAggregateIdentifier String customerId, String requestId, String engineer,
                                   String reason) implements CustomerCommand {
    }

    /** The booked visit took place, with its outcome. */
    record CompleteServiceVisit(@TargetAggregateIdentifier String customerId, String requestId, LocalDate visitedOn,
                                String outcome) implements CustomerCommand {
    }

    /** Close a request resolved on the phone or visited, with the satisfaction score 1–5. */
    record CloseServiceRequest(@TargetAggregateIdentifier String customerId, String requestId, LocalDate closedOn,
                               int satisfactionScore) implements CustomerCommand {
    }

    // ---------------------------------------------------------------- service

    /** Log a complaint. */
    record LogComplaint(
            @TargetAggregateIdentifier String customerId,
            String complaintId,
            String contactId,
            String subject,
            String description) implements CustomerCommand {
    }

    /** Resolve a complaint with a satisfaction score from 1 to 5. */
    record ResolveComplaint(
            @TargetAggregateIdentifier String customerId,
            String complaintId,
            String resolution,
            int satisfactionScore) implements CustomerCommand {
    }

    /** The complaint refers to one of the customer's service requests (a later link replaces an earlier one). */
    record LinkComplaintToServiceRequest(@TargetAggregateIdentifier String customerId, String complaintId,
                                         String requestId) implements CustomerCommand {
    }

    /** Record a return visit, optionally about a complaint and with a satisfaction score. */
    record RecordReturnVisit(
            @TargetAggregateIdentifier String customerId,
            String returnVisitId,
            String complaintId,
            LocalDate visitedOn,
            String notes,
            Integer satisfactionScore) implements CustomerCommand {
    }

    // ---------------------------------------------------------------- lifecycle and merge

    /** Mark an active customer dormant. */
    record MarkCustomerDormant(@TargetAggregateIdentifier String customerId) implements CustomerCommand {
    }

    /** Record that the customer was lost, why and to whom. */
    record MarkCustomerChurned(@TargetAggregateIdentifier String customerId, String reason, String competitor)
            implements CustomerCommand {
    }

    /** Bring a dormant, churned or dropped customer back. */
    record ReactivateCustomer(@TargetAggregateIdentifier String customerId, String reason) implements CustomerCommand {
    }

    /** Drop a low-return customer (放弃名单). */
    record DropCustomer(@TargetAggregateIdentifier String customerId, String reason) implements CustomerCommand {
    }

    /** Merge this duplicate customer into the survivor. */
    record MergeCustomer(@TargetAggregateIdentifier String customerId, String survivorId) implements CustomerCommand {
    }
}
