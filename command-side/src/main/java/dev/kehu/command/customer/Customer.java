package dev.kehu.command.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.kehu.command.customer.CustomerConflict.AccountManagerAlreadyAssigned;
import dev.kehu.command.customer.CustomerConflict.CustomerIsMerged;
import dev.kehu.command.customer.CustomerConflict.CustomerNotOpenForBusiness;
import dev.kehu.command.customer.CustomerConflict.DuplicateHasOpenCredit;
import dev.kehu.command.customer.CustomerRuleRefusal.CannotMergeIntoItself;
import dev.kehu.command.customer.CustomerRuleRefusal.MergeKindMismatch;
import dev.kehu.command.customer.CustomerRuleRefusal.ReassignmentNeedsReason;
import dev.kehu.command.actor.OwnerOnly;
import dev.kehu.events.Money;
import dev.kehu.events.customer.AccountManagerAssigned;
import dev.kehu.events.customer.contact.ContactCard;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerMerged;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerProfileChanged;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.DuplicateCustomerAbsorbed;
import dev.kehu.events.customer.lifecycle.LifecycleStage;
import dev.kehu.events.customer.contact.PrimaryContactChosen;
import java.util.List;
import java.util.Locale;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A customer (客户): the company's knowledge about one company or individual — profile, contacts,
 * account manager, interactions and follow-ups, credit, ERP facts, value tier, service and lifecycle.
 *
 * <p>One consistency boundary: the root holds identity, profile and account manager, and handles the
 * {@link CustomerCommand}s that need the root or more than one part; its parts are {@code @AggregateMember}
 * entities that handle the commands of their own, check their own rules and apply their own events — {@link Lifecycle}, {@link ContactBook}, {@link FollowUps},
 * {@link CreditAccount} (credit, invoices, payments; the rules are described there), {@link CreditReview}
 * (credit investigations, needed before a raise beyond the injected {@link CreditReviewPolicy}),
 * {@link OrderHistory} (orders and the value tier, re-evaluated after every order and daily by
 * {@link CustomerCommand.ReevaluateTier} against the injected {@link TierPolicy}), {@link ServiceRecord}
 * (complaints, return visits), {@link PersonalData} (erased persons), {@link Deliveries} and
 * {@link ServiceRequests}. Every command, the parts' too, passes the root's interceptor first. Handlers validate, then
 * apply events; state changes only in the event-sourcing handlers. A merged customer is read-only: every command is
 * refused with {@link CustomerIsMerged}.
 *
 * <p>The Opportunity side calls {@link #reserveCredit} and {@link #releaseCredit} through
 * {@code Aggregate<Customer>.execute(...)} in the same unit of work that marks the opportunity won or
 * reopens it, so both aggregates' events commit together; it checks {@link #acceptsNewOpportunities()}
 * (or {@link #ensureAcceptsNewOpportunities()}) before opening an opportunity.
 *
 * <p>Snapshots hold the parts as nested objects: revision 7 (raised with each part added). A snapshot of another
 * revision is dropped on reading ({@link CustomerSnapshotFilter}): the customer is rebuilt from its events.
 */
@Aggregate(snapshotTriggerDefinition = "kehuSnapshotTrigger", cache = "kehuCustomerCache")
@Revision(Customer.SNAPSHOT_REVISION)
public class Customer {

    /** Credit currency before any credit limit is set. */
    public static final String DEFAULT_CREDIT_CURRENCY = "CNY";
    /** Revision of the snapshot shape; change it whenever a field of the root or a part changes. */
    static final String SNAPSHOT_REVISION = "7";

    @AggregateIdentifier
    private String customerId;
    private CustomerKind kind;
    private CustomerProfile profile;
    private String survivorId;
    private String accountManager;
    @AggregateMember private final Lifecycle lifecycle = new Lifecycle();
    @AggregateMember private final ContactBook contacts = new ContactBook();
    @AggregateMember private final FollowUps followUps = new FollowUps();
    @AggregateMember private final CreditAccount credit = new CreditAccount();
    @AggregateMember private final CreditReview creditReview = new CreditReview();
    @AggregateMember private final OrderHistory orders = new OrderHistory();
    @AggregateMember private final Deliveries deliveries = new Deliveries();
    @AggregateMember private final ServiceRecord service = new ServiceRecord();
    @AggregateMember private final ServiceRequests serviceRequests = new ServiceRequests();
    @AggregateMember private final PersonalData personalData = new PersonalData();

    protected Customer() { } // for Axon

    /**
     * Before every command on this customer: SALES changes only the customers it manages ({@link OwnerOnly}),
     * and a merged customer is read-only.
     */
    @CommandHandlerInterceptor
    Object ownerOnlyAndNotMerged(CommandMessage<?> command, InterceptorChain chain) throws Exception {
        OwnerOnly.check(command, accountManager, "customer's account manager");
        ensureNotMerged();
        personalData.refuseIfErased(command.getPayload());
        return chain.proceed();
    }

    // ---------------------------------------------------------------- registration and profile

    @CommandHandler
    public Customer(CustomerCommand.RegisterCustomer command) {
        CustomerProfiles.requireValid(command.kind(), command.profile());
        apply(new CustomerRegistered(command.customerId(), command.kind(), CustomerProfiles.normalized(command.profile())));
    }

    @CommandHandler
    public void handle(CustomerCommand.ChangeCustomerProfile command) {
        CustomerProfiles.requireValid(kind, command.profile());
        CustomerProfile changed = CustomerProfiles.normalized(command.profile());
        if (!changed.equals(profile)) {
            apply(new CustomerProfileChanged(customerId, changed));
        }
    }

    // ---------------------------------------------------------------- contacts and account manager

    @CommandHandler
    public void handle(CustomerCommand.AddContact command) {
        contacts.add(customerId, kind, command.contact());
    }

    @CommandHandler
    public void handle(CustomerCommand.AssignAccountManager command) {
        if (command.accountManager().equals(accountManager)) {
            throw new AccountManagerAlreadyAssigned(accountManager);
        }
        if (accountManager != null && (command.reason() == null || command.reason().isBlank())) {
            throw new ReassignmentNeedsReason(accountManager);
        }
        apply(new AccountManagerAssigned(customerId, command.accountManager(), accountManager, command.reason()));
    }

    // ---------------------------------------------------------------- interactions and follow-ups

    @CommandHandler
    public void handle(CustomerCommand.RecordInteraction command) {
        contacts.requireIfGiven(command.contactId());
        followUps.record(customerId, command);
    }

    // ---------------------------------------------------------------- credit

    @CommandHandler
    public void handle(CustomerCommand.SetCreditLimit command, CreditReviewPolicy policy) {
        creditReview.requireInvestigationToRaise(customerId, credit.currentLimit(), command, policy);
        credit.limit(customerId, command.limit());
    }

    @CommandHandler
    public void handle(CustomerCommand.RecordCreditInvestigation command) {
        creditReview.record(customerId, command);
    }

    /**
     * Reserves credit for a won opportunity (rules and refusals: {@link CreditAccount}; {@link CustomerIsMerged}
     * when merged). Call through {@code Aggregate<Customer>.execute(c -> c.reserveCredit(...))}.
     */
    public void reserveCredit(String opportunityId, Money amount) {
        ensureNotMerged();
        credit.reserve(customerId, opportunityId, amount);
    }

    /** Gives an opportunity's credit reservation back; a no-op when there is none. */
    public void releaseCredit(String opportunityId, String reason) {
        credit.release(customerId, opportunityId, reason);
    }

    // ---------------------------------------------------------------- ERP facts and value tier

    @CommandHandler
    public void handle(CustomerCommand.RecordOrder command, TierPolicy tierPolicy) {
        if (!orders.record(customerId, command)) {
            return;
        }
        lifecycle.orderRecorded(customerId, command.orderNumber());
        orders.evaluateTier(customerId, command.asOf(), tierPolicy);
    }

    @CommandHandler
    public void handle(CustomerCommand.ReevaluateTier command, TierPolicy tierPolicy) {
        orders.evaluateTier(customerId, command.asOf(), tierPolicy);
    }

    // ---------------------------------------------------------------- service

    @CommandHandler
    public void handle(CustomerCommand.LogComplaint command) {
        contacts.requireIfGiven(command.contactId());
        service.logComplaint(customerId, command);
    }

    /** The request's own part handles the rest of its commands; reporting it checks the contact here. */
    @CommandHandler
    public void handle(CustomerCommand.ReportServiceRequest command) {
        contacts.requireIfGiven(command.contactId());
        serviceRequests.report(customerId, command);
    }

    /** Both parts check their own id: the request must exist, then the complaint takes the link. */
    @CommandHandler
    public void handle(CustomerCommand.LinkComplaintToServiceRequest command) {
        serviceRequests.requireKnown(command.requestId());
        service.linkToServiceRequest(customerId, command);
    }

    // ---------------------------------------------------------------- lifecycle

    @CommandHandler
    public void handle(CustomerCommand.MarkCustomerDormant command) {
        lifecycle.markDormant(customerId, orders.lastOrderOn());
    }

    // ---------------------------------------------------------------- merge (driven by CustomerMergeHandler)

    /** Marks this customer as merged into {@code survivor} (both loaded); then call {@link #absorb} on the survivor. */
    public void mergeInto(Customer survivor) {
        ensureNotMerged();
        survivor.ensureNotMerged();
        if (survivor.customerId.equals(customerId)) {
            throw new CannotMergeIntoItself(customerId);
        }
        if (survivor.kind != kind) {
            throw new MergeKindMismatch(kind, survivor.kind);
        }
        if (credit.hasExposure()) {
            throw new DuplicateHasOpenCredit(customerId);
        }
        apply(new CustomerMerged(customerId, survivor.customerId));
    }

    /** Takes over a merged duplicate's contacts, open follow-ups and history references. */
    public void absorb(Customer duplicate) {
        ensureNotMerged();
        List<ContactCard> movedContacts = duplicate.contacts.missingFrom(contacts);
        apply(new DuplicateCustomerAbsorbed(customerId, duplicate.customerId, movedContacts,
                duplicate.followUps.open(), duplicate.followUps.interactionIds(), duplicate.service.complaintIds()));
        if (!contacts.hasPrimary() && !movedContacts.isEmpty()) {
            apply(new PrimaryContactChosen(customerId, movedContacts.get(0).contactId()));
        }
    }

    private void ensureNotMerged() {
        if (survivorId != null) {
            throw new CustomerIsMerged(customerId, survivorId);
        }
    }

    // ---------------------------------------------------------------- queries for the Opportunity side

    /** False when the customer is churned, dropped or merged: no new opportunities then. */
    public boolean acceptsNewOpportunities() {
        return survivorId == null && stage() != LifecycleStage.CHURNED && stage() != LifecycleStage.DROPPED;
    }

    /** Throws {@link CustomerNotOpenForBusiness} unless {@link #acceptsNewOpportunities()}. */
    public void ensureAcceptsNewOpportunities() {
        if (!acceptsNewOpportunities()) {
            throw new CustomerNotOpenForBusiness(customerId,
                    survivorId != null ? "merged into " + survivorId : stage().name().toLowerCase(Locale.ROOT));
        }
    }

    public boolean isOnCreditHold() {
        return credit.onHold();
    }

    /** Outstanding invoices plus active reservations, in the credit currency. */
    public Money exposure() {
        return credit.exposure();
    }

    /** Limit minus exposure, in the credit currency; negative when over the limit. */
    public Money availableCredit() {
        return credit.available();
    }

    public String customerId() {
        return customerId;
    }

    public CustomerKind kind() {
        return kind;
    }

    public LifecycleStage stage() {
        return lifecycle.stage();
    }

    /** The survivor this customer was merged into, or null. */
    public String survivorId() {
        return survivorId;
    }

    // ---------------------------------------------------------------- event sourcing handlers of the root

    @EventSourcingHandler
    void on(CustomerRegistered event) {
        customerId = event.customerId();
        kind = event.kind();
        profile = event.profile();
    }

    @EventSourcingHandler
    void on(CustomerProfileChanged event) {
        profile = event.profile();
    }

    @EventSourcingHandler
    void on(AccountManagerAssigned event) {
        accountManager = event.accountManager();
    }

    @EventSourcingHandler
    void on(CustomerMerged event) {
        survivorId = event.survivorId();
    }
}
