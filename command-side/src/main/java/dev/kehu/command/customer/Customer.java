package dev.kehu.command.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.kehu.command.web.OwnerOnly;
import dev.kehu.events.Money;
import dev.kehu.events.customer.AccountManagerAssigned;
import dev.kehu.events.customer.ComplaintLogged;
import dev.kehu.events.customer.ComplaintResolved;
import dev.kehu.events.customer.ContactAdded;
import dev.kehu.events.customer.ContactCard;
import dev.kehu.events.customer.ContactChanged;
import dev.kehu.events.customer.ContactRemoved;
import dev.kehu.events.customer.CreditHoldPlaced;
import dev.kehu.events.customer.CreditHoldReleased;
import dev.kehu.events.customer.CreditLimitSet;
import dev.kehu.events.customer.CreditRating;
import dev.kehu.events.customer.CreditRatingSet;
import dev.kehu.events.customer.CreditReleased;
import dev.kehu.events.customer.CreditReserved;
import dev.kehu.events.customer.CustomerActivated;
import dev.kehu.events.customer.CustomerBecameDormant;
import dev.kehu.events.customer.CustomerChurned;
import dev.kehu.events.customer.CustomerDropped;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerMerged;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerProfileChanged;
import dev.kehu.events.customer.CustomerReactivated;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.CustomerTierChanged;
import dev.kehu.events.customer.DuplicateCustomerAbsorbed;
import dev.kehu.events.customer.FollowUpCompleted;
import dev.kehu.events.customer.FollowUpRescheduled;
import dev.kehu.events.customer.FollowUpScheduled;
import dev.kehu.events.customer.InteractionRecorded;
import dev.kehu.events.customer.InvoiceOverdue;
import dev.kehu.events.customer.InvoiceRecorded;
import dev.kehu.events.customer.LifecycleStage;
import dev.kehu.events.customer.OpenFollowUp;
import dev.kehu.events.customer.OrderRecorded;
import dev.kehu.events.customer.PaymentRecorded;
import dev.kehu.events.customer.PrimaryContactChosen;
import dev.kehu.events.customer.ReturnVisitRecorded;
import dev.kehu.events.customer.ValueTier;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A customer (客户): the company's knowledge about one company or individual — profile, contacts,
 * account manager, interactions and follow-ups, credit, ERP facts, value tier, service and lifecycle.
 *
 * <p>Every command handler validates first and then applies events; state changes only in the
 * event-sourcing handlers. A merged customer is read-only: every command is refused with
 * {@link CustomerIsMerged}, which names the survivor.
 *
 * <h2>Credit semantics (资信)</h2>
 * <ul>
 *   <li>All credit figures are in the <em>credit currency</em>: the currency of the credit limit, CNY
 *       until a limit is set. Invoices, payments and reservations in another currency are refused
 *       ({@link CurrencyMismatch}).</li>
 *   <li>Limit: set by {@link SetCreditLimit}; a customer without a limit has a limit of zero, so no
 *       credit can be reserved before a credit review has set one.</li>
 *   <li>Exposure = outstanding invoices (invoiced − paid, overdue ones included) + active credit
 *       reservations. Available credit = limit − exposure (may be negative).</li>
 *   <li>{@link #reserveCredit(String, Money)} reserves credit for a won opportunity: refused while on
 *       credit hold ({@link CustomerOnCreditHold}) or when the amount exceeds the available credit
 *       ({@link CreditLimitExceeded}, carrying limit, exposure and requested amount). Calling it again
 *       for the same opportunity and amount changes nothing; with another amount the reservation is
 *       replaced (checked against the exposure without the old reservation). Once an invoice naming
 *       the opportunity has been recorded, the reservation has become invoice exposure and further
 *       calls change nothing.</li>
 *   <li>{@link #releaseCredit(String, String)} gives a reservation back (e.g. a won deal reopened); it
 *       is a no-op when there is none.</li>
 *   <li>{@link RecordInvoice} with an opportunityId converts that opportunity's reservation into invoice
 *       exposure: the reservation ends and the invoice amount counts until paid.</li>
 * </ul>
 * The Opportunity side calls these methods through {@code Aggregate<Customer>.execute(...)} in the
 * same unit of work that marks the opportunity won, so both aggregates' events commit together; it
 * checks {@link #acceptsNewOpportunities()} (or {@link #ensureAcceptsNewOpportunities()}) before
 * opening an opportunity.
 *
 * <h2>Value tier</h2>
 * Re-evaluated after every recorded order and by {@link ReevaluateTier} (daily), on the spend of the
 * orders dated in the twelve months up to the command's as-of date, against the injected
 * {@link TierPolicy}. {@code CustomerTierChanged} is applied only when the tier changes.
 */
@Aggregate(snapshotTriggerDefinition = "kehuSnapshotTrigger")
public class Customer {

    /** Credit currency before any credit limit is set. */
    public static final String DEFAULT_CREDIT_CURRENCY = "CNY";

    @AggregateIdentifier
    private String customerId;
    private CustomerKind kind;
    private CustomerProfile profile;
    private LifecycleStage stage;
    private String survivorId;
    private final Map<String, ContactCard> contacts = new LinkedHashMap<>();
    private String primaryContactId;
    private String accountManager;
    private final List<String> interactionIds = new ArrayList<>();
    private final Map<String, OpenFollowUp> openFollowUps = new LinkedHashMap<>();
    private final Set<String> completedFollowUps = new HashSet<>();
    private CreditRating creditRating;
    private Money creditLimit;
    private boolean onCreditHold;
    private final Map<String, Money> reservations = new LinkedHashMap<>();
    private final Set<String> invoicedOpportunities = new HashSet<>();
    private final Map<String, OrderRecorded> orders = new LinkedHashMap<>();
    private final Map<String, Invoice> invoices = new LinkedHashMap<>();
    private final Map<String, PaymentRecorded> payments = new HashMap<>();
    private ValueTier tier = ValueTier.NONE;
    private final Map<String, Boolean> complaintsResolved = new LinkedHashMap<>();
    private final Set<String> returnVisits = new HashSet<>();

    protected Customer() {
        // for Axon
    }

    /** SALES changes only the customers it manages ({@link OwnerOnly}); before every command on this one. */
    @CommandHandlerInterceptor
    void ownerOnly(CommandMessage<?> command) {
        OwnerOnly.check(command, accountManager, "customer's account manager");
    }

    // ---------------------------------------------------------------- registration and profile

    @CommandHandler
    public Customer(RegisterCustomer command) {
        requireValidProfile(command.kind(), command.profile());
        apply(new CustomerRegistered(command.customerId(), command.kind(), normalized(command.profile())));
    }

    @CommandHandler
    public void handle(ChangeCustomerProfile command) {
        ensureNotMerged();
        requireValidProfile(kind, command.profile());
        CustomerProfile changed = normalized(command.profile());
        if (!changed.equals(profile)) {
            apply(new CustomerProfileChanged(customerId, changed));
        }
    }

    private static void requireValidProfile(CustomerKind kind, CustomerProfile profile) {
        if (isBlank(profile.chineseName()) && isBlank(profile.latinName())) {
            throw new CustomerNameRequired();
        }
        if (kind == CustomerKind.COMPANY && isBlank(profile.creditCode())) {
            throw new CreditCodeRequired();
        }
    }

    private static CustomerProfile normalized(CustomerProfile p) {
        String email = p.email() == null ? null : p.email().strip().toLowerCase(Locale.ROOT);
        String creditCode = p.creditCode() == null ? null : p.creditCode().strip().toUpperCase(Locale.ROOT);
        return new CustomerProfile(p.chineseName(), p.latinName(), creditCode, p.mobile(), email,
                p.industry(), p.region(), p.segment(), p.sourceChannel(), p.tags(), p.addresses(),
                p.preferences(), p.notes());
    }

    // ---------------------------------------------------------------- contacts

    @CommandHandler
    public void handle(AddContact command) {
        ensureNotMerged();
        if (kind != CustomerKind.COMPANY) {
            throw new ContactsRequireCompany(customerId);
        }
        ContactCard existing = contacts.get(command.contact().contactId());
        if (existing != null) {
            if (existing.equals(command.contact())) {
                return;
            }
            throw new DocumentNumberConflict("contactId", command.contact().contactId());
        }
        apply(new ContactAdded(customerId, command.contact()));
        if (primaryContactId == null) {
            apply(new PrimaryContactChosen(customerId, command.contact().contactId()));
        }
    }

    @CommandHandler
    public void handle(ChangeContact command) {
        ensureNotMerged();
        ContactCard existing = requireContact(command.contact().contactId());
        if (!existing.equals(command.contact())) {
            apply(new ContactChanged(customerId, command.contact()));
        }
    }

    @CommandHandler
    public void handle(RemoveContact command) {
        ensureNotMerged();
        requireContact(command.contactId());
        if (command.contactId().equals(primaryContactId) && contacts.size() > 1) {
            throw new PrimaryContactRemovalRefused(command.contactId());
        }
        apply(new ContactRemoved(customerId, command.contactId()));
    }

    @CommandHandler
    public void handle(ChoosePrimaryContact command) {
        ensureNotMerged();
        requireContact(command.contactId());
        if (!command.contactId().equals(primaryContactId)) {
            apply(new PrimaryContactChosen(customerId, command.contactId()));
        }
    }

    private ContactCard requireContact(String contactId) {
        ContactCard contact = contacts.get(contactId);
        if (contact == null) {
            throw new ContactNotFound(contactId);
        }
        return contact;
    }

    // ---------------------------------------------------------------- account manager

    @CommandHandler
    public void handle(AssignAccountManager command) {
        ensureNotMerged();
        if (command.accountManager().equals(accountManager)) {
            throw new AccountManagerAlreadyAssigned(accountManager);
        }
        if (accountManager != null && isBlank(command.reason())) {
            throw new ReassignmentNeedsReason(accountManager);
        }
        apply(new AccountManagerAssigned(customerId, command.accountManager(), accountManager, command.reason()));
    }

    // ---------------------------------------------------------------- interactions and follow-ups

    @CommandHandler
    public void handle(RecordInteraction command) {
        ensureNotMerged();
        if (command.contactId() != null) {
            requireContact(command.contactId());
        }
        if (interactionIds.contains(command.interactionId())) {
            return;
        }
        apply(new InteractionRecorded(customerId, command.interactionId(), command.channel(), command.contactId(),
                command.occurredOn(), command.outcome(), command.notes()));
        if (command.nextFollowUpOn() != null) {
            apply(new FollowUpScheduled(customerId, command.followUpId(), command.interactionId(),
                    command.nextFollowUpOn()));
        }
    }

    @CommandHandler
    public void handle(CompleteFollowUp command) {
        ensureNotMerged();
        requireOpenFollowUp(command.followUpId());
        apply(new FollowUpCompleted(customerId, command.followUpId(), command.completedOn(), command.outcome()));
    }

    @CommandHandler
    public void handle(RescheduleFollowUp command) {
        ensureNotMerged();
        OpenFollowUp followUp = requireOpenFollowUp(command.followUpId());
        if (!followUp.dueOn().equals(command.dueOn())) {
            apply(new FollowUpRescheduled(customerId, command.followUpId(), followUp.dueOn(), command.dueOn()));
        }
    }

    private OpenFollowUp requireOpenFollowUp(String followUpId) {
        if (completedFollowUps.contains(followUpId)) {
            throw new FollowUpAlreadyCompleted(followUpId);
        }
        OpenFollowUp followUp = openFollowUps.get(followUpId);
        if (followUp == null) {
            throw new FollowUpNotFound(followUpId);
        }
        return followUp;
    }

    // ---------------------------------------------------------------- credit administration

    @CommandHandler
    public void handle(SetCreditRating command) {
        ensureNotMerged();
        if (command.rating() != creditRating) {
            apply(new CreditRatingSet(customerId, command.rating(), creditRating));
        }
    }

    @CommandHandler
    public void handle(SetCreditLimit command) {
        ensureNotMerged();
        Money limit = command.limit();
        if (creditLimit != null && creditLimit.isSameAmountAs(limit)) {
            return;
        }
        if (!limit.currency().equals(creditCurrency()) && exposureAmount().signum() != 0) {
            throw new CurrencyMismatch("limit.currency", creditCurrency(), limit.currency());
        }
        apply(new CreditLimitSet(customerId, limit, creditLimit));
    }

    @CommandHandler
    public void handle(PlaceCreditHold command) {
        ensureNotMerged();
        if (onCreditHold) {
            throw new CreditHoldAlreadyPlaced(customerId);
        }
        apply(new CreditHoldPlaced(customerId, command.reason()));
    }

    @CommandHandler
    public void handle(ReleaseCreditHold command) {
        ensureNotMerged();
        if (!onCreditHold) {
            throw new CreditHoldNotPlaced(customerId);
        }
        apply(new CreditHoldReleased(customerId, command.reason()));
    }

    // ---------------------------------------------------------------- credit API for the Opportunity side

    /**
     * Reserves credit for a won opportunity (see the class comment for the rules). Call through
     * {@code Aggregate<Customer>.execute(c -> c.reserveCredit(...))}.
     *
     * @throws CustomerIsMerged      when this customer was merged
     * @throws CustomerOnCreditHold  while on credit hold
     * @throws CurrencyMismatch      when the amount is not in the credit currency
     * @throws CreditLimitExceeded   when the amount exceeds limit − exposure
     */
    public void reserveCredit(String opportunityId, Money amount) {
        ensureNotMerged();
        Objects.requireNonNull(opportunityId, "opportunityId");
        Money existing = reservations.get(opportunityId);
        if (invoicedOpportunities.contains(opportunityId) || (existing != null && existing.isSameAmountAs(amount))) {
            return;
        }
        if (onCreditHold) {
            throw new CustomerOnCreditHold(customerId);
        }
        requireCreditCurrency("amount", amount);
        BigDecimal otherExposure = exposureAmount().subtract(existing == null ? BigDecimal.ZERO : existing.amount());
        if (amount.amount().compareTo(limitAmount().subtract(otherExposure)) > 0) {
            throw new CreditLimitExceeded(customerId, new Money(limitAmount(), creditCurrency()),
                    new Money(otherExposure, creditCurrency()), amount);
        }
        apply(new CreditReserved(customerId, opportunityId, amount));
    }

    /** Gives an opportunity's credit reservation back; a no-op when there is none. */
    public void releaseCredit(String opportunityId, String reason) {
        Money reserved = reservations.get(opportunityId);
        if (reserved != null) {
            apply(new CreditReleased(customerId, opportunityId, reserved, reason));
        }
    }

    /** False when the customer is churned, dropped or merged: no new opportunities then. */
    public boolean acceptsNewOpportunities() {
        return survivorId == null && stage != LifecycleStage.CHURNED && stage != LifecycleStage.DROPPED;
    }

    /** Throws {@link CustomerNotOpenForBusiness} unless {@link #acceptsNewOpportunities()}. */
    public void ensureAcceptsNewOpportunities() {
        if (!acceptsNewOpportunities()) {
            throw new CustomerNotOpenForBusiness(customerId,
                    survivorId != null ? "merged into " + survivorId : stage.name().toLowerCase(Locale.ROOT));
        }
    }

    public boolean isOnCreditHold() {
        return onCreditHold;
    }

    /** Outstanding invoices plus active reservations, in the credit currency. */
    public Money exposure() {
        return new Money(exposureAmount(), creditCurrency());
    }

    /** Limit minus exposure, in the credit currency; negative when over the limit. */
    public Money availableCredit() {
        return new Money(limitAmount().subtract(exposureAmount()), creditCurrency());
    }

    public String customerId() {
        return customerId;
    }

    public CustomerKind kind() {
        return kind;
    }

    public LifecycleStage stage() {
        return stage;
    }

    /** The survivor this customer was merged into, or null. */
    public String survivorId() {
        return survivorId;
    }

    private String creditCurrency() {
        return creditLimit != null ? creditLimit.currency() : DEFAULT_CREDIT_CURRENCY;
    }

    private BigDecimal limitAmount() {
        return creditLimit != null ? creditLimit.amount() : BigDecimal.ZERO;
    }

    private BigDecimal exposureAmount() {
        BigDecimal total = BigDecimal.ZERO;
        for (Invoice invoice : invoices.values()) {
            total = total.add(invoice.outstanding());
        }
        for (Money reserved : reservations.values()) {
            total = total.add(reserved.amount());
        }
        return total;
    }

    private void requireCreditCurrency(String field, Money amount) {
        if (!amount.currency().equals(creditCurrency())) {
            throw new CurrencyMismatch(field, creditCurrency(), amount.currency());
        }
    }

    // ---------------------------------------------------------------- ERP facts

    @CommandHandler
    public void handle(RecordOrder command, TierPolicy tierPolicy) {
        ensureNotMerged();
        OrderRecorded order = new OrderRecorded(customerId, command.orderNumber(), command.amount(), command.orderedOn());
        OrderRecorded existing = orders.get(command.orderNumber());
        if (existing != null) {
            if (sameDocument(existing.amount(), existing.orderedOn(), order.amount(), order.orderedOn())) {
                return;
            }
            throw new DocumentNumberConflict("orderNumber", command.orderNumber());
        }
        apply(order);
        if (stage == LifecycleStage.PROSPECT) {
            apply(new CustomerActivated(customerId, command.orderNumber()));
        } else if (stage == LifecycleStage.DORMANT || stage == LifecycleStage.CHURNED) {
            apply(new CustomerReactivated(customerId, stage, "order " + command.orderNumber()));
        }
        evaluateTier(command.asOf(), tierPolicy);
    }

    @CommandHandler
    public void handle(RecordInvoice command) {
        ensureNotMerged();
        Invoice existing = invoices.get(command.invoiceNumber());
        if (existing != null) {
            InvoiceRecorded recorded = existing.recorded();
            if (sameDocument(recorded.amount(), recorded.invoicedOn(), command.amount(), command.invoicedOn())
                    && Objects.equals(recorded.dueOn(), command.dueOn())
                    && Objects.equals(recorded.opportunityId(), command.opportunityId())) {
                return;
            }
            throw new DocumentNumberConflict("invoiceNumber", command.invoiceNumber());
        }
        requireCreditCurrency("amount", command.amount());
        apply(new InvoiceRecorded(customerId, command.invoiceNumber(), command.amount(), command.invoicedOn(),
                command.dueOn(), command.orderNumber(), command.opportunityId()));
    }

    @CommandHandler
    public void handle(RecordPayment command) {
        ensureNotMerged();
        PaymentRecorded existing = payments.get(command.paymentNumber());
        if (existing != null) {
            if (sameDocument(existing.amount(), existing.paidOn(), command.amount(), command.paidOn())
                    && existing.invoiceNumber().equals(command.invoiceNumber())) {
                return;
            }
            throw new DocumentNumberConflict("paymentNumber", command.paymentNumber());
        }
        Invoice invoice = requireInvoice(command.invoiceNumber());
        requireCreditCurrency("amount", command.amount());
        if (command.amount().amount().compareTo(invoice.outstanding()) > 0) {
            throw new PaymentExceedsOutstanding(command.invoiceNumber(), invoice.outstanding(), command.amount().amount());
        }
        apply(new PaymentRecorded(customerId, command.paymentNumber(), command.invoiceNumber(), command.amount(),
                command.paidOn()));
    }

    @CommandHandler
    public void handle(RecordOverdueInvoice command) {
        ensureNotMerged();
        Invoice invoice = requireInvoice(command.invoiceNumber());
        if (invoice.overdue()) {
            return;
        }
        if (invoice.outstanding().signum() == 0) {
            throw new InvoiceAlreadyPaid(command.invoiceNumber());
        }
        apply(new InvoiceOverdue(customerId, command.invoiceNumber(),
                new Money(invoice.outstanding(), invoice.recorded().amount().currency()), command.overdueSince()));
    }

    private Invoice requireInvoice(String invoiceNumber) {
        Invoice invoice = invoices.get(invoiceNumber);
        if (invoice == null) {
            throw new UnknownInvoice(invoiceNumber);
        }
        return invoice;
    }

    private static boolean sameDocument(Money amount, LocalDate date, Money otherAmount, LocalDate otherDate) {
        return amount.isSameAmountAs(otherAmount) && Objects.equals(date, otherDate);
    }

    // ---------------------------------------------------------------- value tier

    @CommandHandler
    public void handle(ReevaluateTier command, TierPolicy tierPolicy) {
        ensureNotMerged();
        evaluateTier(command.asOf(), tierPolicy);
    }

    private void evaluateTier(LocalDate asOf, TierPolicy policy) {
        LocalDate windowStart = asOf.minusMonths(12).plusDays(1);
        BigDecimal spend = BigDecimal.ZERO;
        for (OrderRecorded order : orders.values()) {
            boolean inWindow = !order.orderedOn().isBefore(windowStart) && !order.orderedOn().isAfter(asOf);
            if (inWindow && order.amount().currency().equals(policy.currency())) {
                spend = spend.add(order.amount().amount());
            }
        }
        ValueTier decided = policy.tierFor(spend);
        if (decided != tier) {
            apply(new CustomerTierChanged(customerId, tier, decided, new Money(spend, policy.currency()),
                    windowStart, asOf, policy.threshold(decided)));
        }
    }

    // ---------------------------------------------------------------- service

    @CommandHandler
    public void handle(LogComplaint command) {
        ensureNotMerged();
        if (command.contactId() != null) {
            requireContact(command.contactId());
        }
        if (!complaintsResolved.containsKey(command.complaintId())) {
            apply(new ComplaintLogged(customerId, command.complaintId(), command.contactId(), command.subject(),
                    command.description()));
        }
    }

    @CommandHandler
    public void handle(ResolveComplaint command) {
        ensureNotMerged();
        Boolean resolved = complaintsResolved.get(command.complaintId());
        if (resolved == null) {
            throw new ComplaintNotFound(command.complaintId());
        }
        if (resolved) {
            throw new ComplaintAlreadyResolved(command.complaintId());
        }
        requireScore(command.satisfactionScore());
        apply(new ComplaintResolved(customerId, command.complaintId(), command.resolution(), command.satisfactionScore()));
    }

    @CommandHandler
    public void handle(RecordReturnVisit command) {
        ensureNotMerged();
        if (command.complaintId() != null && !complaintsResolved.containsKey(command.complaintId())) {
            throw new ComplaintNotFound(command.complaintId());
        }
        if (command.satisfactionScore() != null) {
            requireScore(command.satisfactionScore());
        }
        if (!returnVisits.contains(command.returnVisitId())) {
            apply(new ReturnVisitRecorded(customerId, command.returnVisitId(), command.complaintId(),
                    command.visitedOn(), command.notes(), command.satisfactionScore()));
        }
    }

    private static void requireScore(int score) {
        if (score < 1 || score > 5) {
            throw new SatisfactionScoreOutOfRange(score);
        }
    }

    // ---------------------------------------------------------------- lifecycle

    @CommandHandler
    public void handle(MarkCustomerDormant command) {
        ensureNotMerged();
        requireStage("mark dormant", LifecycleStage.ACTIVE, LifecycleStage.REACTIVATED);
        LocalDate lastOrderOn = orders.values().stream().map(OrderRecorded::orderedOn)
                .max(LocalDate::compareTo).orElse(null);
        apply(new CustomerBecameDormant(customerId, lastOrderOn));
    }

    @CommandHandler
    public void handle(MarkCustomerChurned command) {
        ensureNotMerged();
        requireStage("mark churned", LifecycleStage.ACTIVE, LifecycleStage.DORMANT, LifecycleStage.REACTIVATED);
        apply(new CustomerChurned(customerId, command.reason(), command.competitor()));
    }

    @CommandHandler
    public void handle(ReactivateCustomer command) {
        ensureNotMerged();
        requireStage("reactivate", LifecycleStage.DORMANT, LifecycleStage.CHURNED, LifecycleStage.DROPPED);
        apply(new CustomerReactivated(customerId, stage, command.reason()));
    }

    @CommandHandler
    public void handle(DropCustomer command) {
        ensureNotMerged();
        if (stage == LifecycleStage.DROPPED) {
            throw new LifecycleTransitionRefused(customerId, stage, "drop");
        }
        apply(new CustomerDropped(customerId, command.reason()));
    }

    private void requireStage(String attempted, LifecycleStage... allowed) {
        for (LifecycleStage candidate : allowed) {
            if (candidate == stage) {
                return;
            }
        }
        throw new LifecycleTransitionRefused(customerId, stage, attempted);
    }

    // ---------------------------------------------------------------- merge (driven by CustomerMergeHandler)

    /**
     * Marks this customer as merged into {@code survivor}; both must be loaded in the current unit of
     * work. Call {@link #absorb(Customer)} on the survivor afterwards.
     */
    public void mergeInto(Customer survivor) {
        ensureNotMerged();
        survivor.ensureNotMerged();
        if (survivor.customerId.equals(customerId)) {
            throw new CannotMergeIntoItself(customerId);
        }
        if (survivor.kind != kind) {
            throw new MergeKindMismatch(kind, survivor.kind);
        }
        if (exposureAmount().signum() != 0) {
            throw new DuplicateHasOpenCredit(customerId);
        }
        apply(new CustomerMerged(customerId, survivor.customerId));
    }

    /** Takes over a merged duplicate's contacts, open follow-ups and history references. */
    public void absorb(Customer duplicate) {
        ensureNotMerged();
        List<ContactCard> movedContacts = duplicate.contacts.values().stream()
                .filter(c -> !contacts.containsKey(c.contactId())).toList();
        apply(new DuplicateCustomerAbsorbed(customerId, duplicate.customerId, movedContacts,
                List.copyOf(duplicate.openFollowUps.values()), List.copyOf(duplicate.interactionIds),
                List.copyOf(duplicate.complaintsResolved.keySet())));
        if (primaryContactId == null && !movedContacts.isEmpty()) {
            apply(new PrimaryContactChosen(customerId, movedContacts.get(0).contactId()));
        }
    }

    private void ensureNotMerged() {
        if (survivorId != null) {
            throw new CustomerIsMerged(customerId, survivorId);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    // ---------------------------------------------------------------- event sourcing handlers

    @EventSourcingHandler
    void on(CustomerRegistered event) {
        customerId = event.customerId();
        kind = event.kind();
        profile = event.profile();
        stage = LifecycleStage.PROSPECT;
    }

    @EventSourcingHandler
    void on(CustomerProfileChanged event) {
        profile = event.profile();
    }

    @EventSourcingHandler
    void on(ContactAdded event) {
        contacts.put(event.contact().contactId(), event.contact());
    }

    @EventSourcingHandler
    void on(ContactChanged event) {
        contacts.put(event.contact().contactId(), event.contact());
    }

    @EventSourcingHandler
    void on(ContactRemoved event) {
        contacts.remove(event.contactId());
        if (event.contactId().equals(primaryContactId)) {
            primaryContactId = null;
        }
    }

    @EventSourcingHandler
    void on(PrimaryContactChosen event) {
        primaryContactId = event.contactId();
    }

    @EventSourcingHandler
    void on(AccountManagerAssigned event) {
        accountManager = event.accountManager();
    }

    @EventSourcingHandler
    void on(InteractionRecorded event) {
        interactionIds.add(event.interactionId());
    }

    @EventSourcingHandler
    void on(FollowUpScheduled event) {
        openFollowUps.put(event.followUpId(), new OpenFollowUp(event.followUpId(), event.interactionId(), event.dueOn()));
    }

    @EventSourcingHandler
    void on(FollowUpCompleted event) {
        openFollowUps.remove(event.followUpId());
        completedFollowUps.add(event.followUpId());
    }

    @EventSourcingHandler
    void on(FollowUpRescheduled event) {
        OpenFollowUp followUp = openFollowUps.get(event.followUpId());
        openFollowUps.put(event.followUpId(), new OpenFollowUp(event.followUpId(), followUp.interactionId(), event.dueOn()));
    }

    @EventSourcingHandler
    void on(CreditRatingSet event) {
        creditRating = event.rating();
    }

    @EventSourcingHandler
    void on(CreditLimitSet event) {
        creditLimit = event.limit();
    }

    @EventSourcingHandler
    void on(CreditHoldPlaced event) {
        onCreditHold = true;
    }

    @EventSourcingHandler
    void on(CreditHoldReleased event) {
        onCreditHold = false;
    }

    @EventSourcingHandler
    void on(CreditReserved event) {
        reservations.put(event.opportunityId(), event.amount());
    }

    @EventSourcingHandler
    void on(CreditReleased event) {
        reservations.remove(event.opportunityId());
    }

    @EventSourcingHandler
    void on(OrderRecorded event) {
        orders.put(event.orderNumber(), event);
    }

    @EventSourcingHandler
    void on(InvoiceRecorded event) {
        invoices.put(event.invoiceNumber(), new Invoice(event));
        if (event.opportunityId() != null) {
            reservations.remove(event.opportunityId());
            invoicedOpportunities.add(event.opportunityId());
        }
    }

    @EventSourcingHandler
    void on(PaymentRecorded event) {
        payments.put(event.paymentNumber(), event);
        invoices.computeIfPresent(event.invoiceNumber(), (number, invoice) -> invoice.paying(event.amount().amount()));
    }

    @EventSourcingHandler
    void on(InvoiceOverdue event) {
        invoices.computeIfPresent(event.invoiceNumber(), (number, invoice) -> invoice.markedOverdue());
    }

    @EventSourcingHandler
    void on(CustomerTierChanged event) {
        tier = event.tier();
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
    void on(ReturnVisitRecorded event) {
        returnVisits.add(event.returnVisitId());
    }

    @EventSourcingHandler
    void on(CustomerActivated event) {
        stage = LifecycleStage.ACTIVE;
    }

    @EventSourcingHandler
    void on(CustomerBecameDormant event) {
        stage = LifecycleStage.DORMANT;
    }

    @EventSourcingHandler
    void on(CustomerChurned event) {
        stage = LifecycleStage.CHURNED;
    }

    @EventSourcingHandler
    void on(CustomerReactivated event) {
        stage = LifecycleStage.REACTIVATED;
    }

    @EventSourcingHandler
    void on(CustomerDropped event) {
        stage = LifecycleStage.DROPPED;
    }

    @EventSourcingHandler
    void on(CustomerMerged event) {
        survivorId = event.survivorId();
    }

    @EventSourcingHandler
    void on(DuplicateCustomerAbsorbed event) {
        event.contacts().forEach(c -> contacts.put(c.contactId(), c));
        event.followUps().forEach(f -> openFollowUps.put(f.followUpId(), f));
        interactionIds.addAll(event.interactionIds());
    }

    /** An invoice's running state: what was invoiced, paid so far, and whether it is overdue. */
    private record Invoice(InvoiceRecorded recorded, BigDecimal paid, boolean overdue) {

        private Invoice(InvoiceRecorded recorded) {
            this(recorded, BigDecimal.ZERO, false);
        }

        private BigDecimal outstanding() {
            return recorded.amount().amount().subtract(paid);
        }

        private Invoice paying(BigDecimal amount) {
            return new Invoice(recorded, paid.add(amount), overdue);
        }

        private Invoice markedOverdue() {
            return new Invoice(recorded, paid, true);
        }
    }
}
