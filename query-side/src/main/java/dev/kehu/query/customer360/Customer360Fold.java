package dev.kehu.query.customer360;

import dev.kehu.events.Money;
import dev.kehu.events.customer.AccountManagerAssigned;
import dev.kehu.events.customer.service.ComplaintLogged;
import dev.kehu.events.customer.service.ComplaintResolved;
import dev.kehu.events.customer.contact.ContactAdded;
import dev.kehu.events.customer.contact.ContactCard;
import dev.kehu.events.customer.contact.ContactChanged;
import dev.kehu.events.customer.contact.ContactRemoved;
import dev.kehu.events.customer.credit.CreditHoldPlaced;
import dev.kehu.events.customer.credit.CreditHoldReleased;
import dev.kehu.events.customer.credit.CreditInvestigationRecorded;
import dev.kehu.events.customer.credit.CreditLimitSet;
import dev.kehu.events.customer.credit.CreditRatingSet;
import dev.kehu.events.customer.credit.CreditReleased;
import dev.kehu.events.customer.credit.CreditReserved;
import dev.kehu.events.customer.lifecycle.CustomerActivated;
import dev.kehu.events.customer.lifecycle.CustomerBecameDormant;
import dev.kehu.events.customer.lifecycle.CustomerChurned;
import dev.kehu.events.customer.lifecycle.CustomerDropped;
import dev.kehu.events.customer.CustomerMerged;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerProfileChanged;
import dev.kehu.events.customer.lifecycle.CustomerReactivated;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.order.CustomerTierChanged;
import dev.kehu.events.customer.DuplicateCustomerAbsorbed;
import dev.kehu.events.customer.PersonalDataErased;
import dev.kehu.events.customer.followup.FollowUpCompleted;
import dev.kehu.events.customer.followup.FollowUpRescheduled;
import dev.kehu.events.customer.followup.FollowUpScheduled;
import dev.kehu.events.customer.followup.InteractionRecorded;
import dev.kehu.events.customer.credit.InvoiceOverdue;
import dev.kehu.events.customer.credit.InvoiceRecorded;
import dev.kehu.events.customer.lifecycle.LifecycleStage;
import dev.kehu.events.customer.followup.OpenFollowUp;
import dev.kehu.events.customer.order.OrderRecorded;
import dev.kehu.events.customer.credit.PaymentRecorded;
import dev.kehu.events.customer.contact.PrimaryContactChosen;
import dev.kehu.events.customer.service.ReturnVisitRecorded;
import dev.kehu.events.customer.order.ValueTier;
import dev.kehu.query.customer360.Customer360View.Amount;
import dev.kehu.query.customer360.Customer360View.Assignment;
import dev.kehu.query.customer360.Customer360View.Complaint;
import dev.kehu.query.customer360.Customer360View.Complaints;
import dev.kehu.query.customer360.Customer360View.Contact;
import dev.kehu.query.customer360.Customer360View.Credit;
import dev.kehu.query.customer360.Customer360View.FollowUp;
import dev.kehu.query.customer360.Customer360View.Interaction;
import dev.kehu.query.customer360.Customer360View.Invoice;
import dev.kehu.query.customer360.Customer360View.LifecycleDetail;
import dev.kehu.query.customer360.Customer360View.Maybe;
import dev.kehu.query.customer360.Customer360View.Profile;
import dev.kehu.query.fold.FoldEvent;
import dev.kehu.query.projection.Docs;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The customer 360 view, written once: a pure function (state, event) → next state, no I/O. The live projection
 * ({@link Customer360Projection}) runs it over the documents an event touches; an as-of ({@link Customer360AsOf})
 * runs it over a customer's events up to an instant; a rebuild can run it over large in-memory batches. An event
 * at or below a document's {@code appliedPosition} changes nothing, so the fold is idempotent like the view writer.
 * Opportunity events are folded in {@link Customer360OpportunityFold}.
 * <p>
 * {@link #REVISION} names what this code computes: stored snapshots of the fold are valid only for the revision
 * that wrote them. Raise it whenever the result of any event changes.
 */
public final class Customer360Fold {

    public static final int REVISION = 7;
    static final int LAST_INTERACTIONS = 10;
    static final int RECENT_COMPLAINTS = 20;
    static final int PAID_INVOICES_KEPT = 10;

    private static final Set<Class<?>> CUSTOMER_EVENTS = Set.of(CustomerRegistered.class, CustomerProfileChanged.class,
            ContactAdded.class, ContactChanged.class, ContactRemoved.class, PrimaryContactChosen.class,
            AccountManagerAssigned.class, CustomerTierChanged.class, CreditLimitSet.class, CreditRatingSet.class,
            CreditHoldPlaced.class, CreditHoldReleased.class, CreditReserved.class, CreditReleased.class,
            InvoiceRecorded.class, PaymentRecorded.class, InvoiceOverdue.class, OrderRecorded.class,
            CustomerActivated.class, CustomerBecameDormant.class, CustomerChurned.class, CustomerDropped.class,
            CustomerReactivated.class, CustomerMerged.class, DuplicateCustomerAbsorbed.class, InteractionRecorded.class,
            FollowUpScheduled.class, FollowUpRescheduled.class, FollowUpCompleted.class, ComplaintLogged.class,
            ComplaintResolved.class, ReturnVisitRecorded.class, CreditInvestigationRecorded.class, PersonalDataErased.class);

    /** Every customer event is a record with a {@code customerId} component; found once per event class. */
    private static final ClassValue<java.lang.reflect.Method> CUSTOMER_ID = new ClassValue<>() {
        @Override
        protected java.lang.reflect.Method computeValue(Class<?> type) {
            try {
                return type.getMethod("customerId");
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type.getName() + " has no customerId", e);
            }
        }
    };

    private Customer360Fold() {
    }

    /** Whether the view depends on events of this payload. */
    public static boolean handles(Object payload) {
        return isCustomerEvent(payload) || payload != null && Customer360OpportunityFold.handles(payload);
    }

    public static boolean isCustomerEvent(Object payload) {
        return payload != null && (CUSTOMER_EVENTS.contains(payload.getClass())
                || Customer360ServiceRequests.EVENTS.contains(payload.getClass())
                || Customer360Deliveries.EVENTS.contains(payload.getClass()));
    }

    /** The customer a customer event belongs to. */
    public static String customerId(Object customerEvent) {
        try {
            return (String) CUSTOMER_ID.get(customerEvent.getClass()).invoke(customerEvent);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next state: {@code state} itself when the event changes nothing in it. */
    public static Customer360State apply(Customer360State state, FoldEvent event) {
        Object payload = event.payload();
        if (Customer360OpportunityFold.handles(payload)) {
            return Customer360OpportunityFold.apply(state, event);
        }
        if (!isCustomerEvent(payload)) {
            return state;
        }
        Customer360View view = state.view();
        String customerId = customerId(payload);
        if (customerId == null || view != null && (!customerId.equals(view.customerId()) || event.position() <= view.appliedPosition())) {
            return state;
        }
        Customer360View next;
        if (payload instanceof CustomerRegistered registered) {
            next = registered(view, registered, event);
        } else if (view == null) {
            return state;
        } else {
            Customer360Draft draft = new Customer360Draft(view);
            change(draft, payload, event);
            draft.appliedPosition = event.position();
            next = draft.view();
        }
        return new Customer360State(next, state.opportunities());
    }

    private static Customer360View registered(Customer360View existing, CustomerRegistered event, FoldEvent at) {
        Customer360View base = existing != null ? existing : new Customer360View(event.customerId(), -1, null, null,
                null, null, null, null, null, null, List.of(), List.of(), null, null, List.of(), null, List.of(),
                List.of(), 0, null, List.of(), null, 0, null, null, null, null, null, List.of(), List.of(), null, null, null, null, null);
        Customer360Draft draft = new Customer360Draft(base);
        draft.kind = Docs.name(event.kind());
        draft.profile = profile(event.profile());
        draft.registeredAt = Customer360View.storable(at.timestamp());
        draft.lifecycle = LifecycleStage.PROSPECT.name();
        draft.tier = ValueTier.NONE.name();
        draft.accountManager = null;
        draft.assignmentHistory = new ArrayList<>();
        draft.contacts = new ArrayList<>();
        draft.primaryContactId = null;
        draft.credit = new Credit(null, null, false, null, Map.of());
        draft.invoices = new ArrayList<>();
        draft.openOpportunities = new ArrayList<>();
        draft.lastInteractions = new ArrayList<>();
        draft.interactionCount = 0;
        draft.lastInteractionOn = null;
        draft.openFollowUps = new ArrayList<>();
        draft.complaints = new Complaints(0, 0, List.of());
        draft.orderCount = 0;
        draft.lastOrderOn = null;
        draft.mergedInto = null;
        draft.appliedPosition = at.position();
        return draft.view();
    }

    private static void change(Customer360Draft d, Object payload, FoldEvent at) {
        if (payload instanceof CustomerProfileChanged e) {
            d.profile = profile(e.profile());
        } else if (payload instanceof ContactAdded e) {
            putContact(d, e.contact());
        } else if (payload instanceof ContactChanged e) {
            putContact(d, e.contact());
        } else if (payload instanceof ContactRemoved e) {
            d.contacts.removeIf(c -> Objects.equals(c.contactId(), e.contactId()));
            if (e.contactId().equals(d.primaryContactId)) {
                d.primaryContactId = null;
            }
        } else if (payload instanceof PrimaryContactChosen e) {
            d.primaryContactId = e.contactId();
            d.contacts.replaceAll(c -> new Contact(c.contactId(), c.name(), c.title(), c.phones(), c.emails(), c.notes(),
                    e.contactId().equals(c.contactId())));
        } else if (payload instanceof AccountManagerAssigned e) {
            d.accountManager = e.accountManager();
            d.assignmentHistory.add(new Assignment(e.accountManager(), e.previousAccountManager(), e.reason(),
                    Customer360View.storable(at.timestamp()), at.actor()));
        } else if (payload instanceof CustomerTierChanged e) {
            d.tier = e.tier().name();
            d.twelveMonthSpend = new Maybe<>(Amount.of(e.twelveMonthSpend()));
        } else if (payload instanceof CreditLimitSet e) {
            d.credit = credit(d, Amount.of(e.limit()), d.credit.rating(), d.credit.hold(), d.credit.holdReason(), d.credit.reservations());
        } else if (payload instanceof CreditRatingSet e) {
            d.credit = credit(d, d.credit.limit(), Docs.name(e.rating()), d.credit.hold(), d.credit.holdReason(), d.credit.reservations());
        } else if (payload instanceof CreditHoldPlaced e) {
            d.credit = credit(d, d.credit.limit(), d.credit.rating(), true, e.reason(), d.credit.reservations());
        } else if (payload instanceof CreditHoldReleased) {
            d.credit = credit(d, d.credit.limit(), d.credit.rating(), false, null, d.credit.reservations());
        } else if (payload instanceof CreditReserved e) {
            Map<String, Amount> reservations = new LinkedHashMap<>(d.credit.reservations());
            reservations.put(e.opportunityId(), Amount.of(e.amount()));
            d.credit = credit(d, d.credit.limit(), d.credit.rating(), d.credit.hold(), d.credit.holdReason(), reservations);
        } else if (payload instanceof CreditReleased e) {
            Map<String, Amount> reservations = new LinkedHashMap<>(d.credit.reservations());
            reservations.remove(e.opportunityId());
            d.credit = credit(d, d.credit.limit(), d.credit.rating(), d.credit.hold(), d.credit.holdReason(), reservations);
        } else if (payload instanceof PersonalDataErased e) {
            erase(d, e);
        } else if (payload instanceof CreditInvestigationRecorded e) {
            d.latestInvestigation = laterInvestigation(d.latestInvestigation, e);
        } else if (!Customer360ServiceRequests.change(d, payload) && !Customer360Deliveries.change(d, payload)
                && !Customer360Activity.change(d, payload, at)) {
            throw new IllegalStateException("customer 360 does not fold " + payload.getClass().getName());
        }
    }

    /**
     * A person erased (docs/privacy.md): their fields read as the events read them once the key is gone, so the live
     * view equals a rebuild: an individual's profile, an erased contact's card, and the notes of the interactions
     * sealed under the person's key. Also applied to the duplicates merged into the customer that held the contact.
     */
    static void erase(Customer360Draft d, PersonalDataErased e) {
        if (e.erasesCustomer() && d.profile != null) {
            Profile p = d.profile;
            d.profile = profile(PersonalDataErased.erase(new CustomerProfile(p.chineseName(), p.latinName(),
                    p.creditCode(), p.mobile(), p.email(), p.industry(), p.region(), p.segment(), p.sourceChannel(),
                    p.tags(), p.addresses(), p.preferences(), p.notes())));
        }
        d.contacts.replaceAll(c -> {
            if (!c.contactId().equals(e.subjectId())) {
                return c;
            }
            ContactCard card = PersonalDataErased.erase(new ContactCard(c.contactId(), c.name(), c.title(), c.phones(),
                    c.emails(), c.notes()));
            return new Contact(card.contactId(), card.name(), card.title(), card.phones(), card.emails(), card.notes(),
                    c.primary());
        });
        d.lastInteractions.replaceAll(i -> !e.coversInteraction(i.contactId()) || i.notes() == null ? i
                : new Interaction(i.interactionId(), i.channel(), i.contactId(), i.occurredOn(), i.outcome(),
                PersonalDataErased.ERASED, i.recordedBy()));
    }

    /** A merged duplicate's view with the erased contact of its survivor erased too; the same view when already. */
    static Customer360View erasedInDuplicate(Customer360View duplicate, PersonalDataErased e, long position) {
        if (duplicate == null || position <= duplicate.appliedPosition()) {
            return duplicate;
        }
        Customer360Draft draft = new Customer360Draft(duplicate);
        erase(draft, e);
        draft.appliedPosition = position;
        return draft.view();
    }

    /** The investigation with the later date; on the same date the one recorded last. */
    private static Customer360View.Investigation laterInvestigation(Customer360View.Investigation latest,
                                                                    CreditInvestigationRecorded e) {
        String on = Docs.date(e.investigatedOn());
        if (latest != null && latest.investigatedOn() != null && (on == null || on.compareTo(latest.investigatedOn()) < 0)) {
            return latest;
        }
        return new Customer360View.Investigation(e.investigationId(), e.sources() == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(e.sources())),
                e.findings(), e.evaluation(), Docs.name(e.proposedRating()), e.investigatedBy(), on);
    }

    // --- shared by the parts of the fold -----------------------------------------------------

    static Credit credit(Customer360Draft d, Amount limit, String rating, boolean hold, String holdReason,
                         Map<String, Amount> reservations) {
        return new Credit(limit, rating, hold, holdReason, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(reservations)));
    }

    static Profile profile(CustomerProfile profile) {
        return new Profile(profile.displayName(), profile.chineseName(), profile.latinName(), profile.creditCode(),
                profile.mobile(), profile.email(), profile.industry(), profile.region(), profile.segment(),
                profile.sourceChannel(), profile.tags(), profile.addresses(), new TreeMap<>(profile.preferences()),
                profile.notes());
    }

    static void putContact(Customer360Draft d, ContactCard card) {
        putBy(d.contacts, Contact::contactId, card.contactId(), new Contact(card.contactId(), card.name(), card.title(),
                card.phones(), card.emails(), card.notes(), card.contactId().equals(d.primaryContactId)));
    }

    static FollowUp followUp(OpenFollowUp followUp) {
        return new FollowUp(followUp.followUpId(), followUp.interactionId(), Docs.date(followUp.dueOn()));
    }

    static void sortFollowUps(List<FollowUp> followUps) {
        followUps.sort(Comparator.comparing(FollowUp::dueOn, Comparator.nullsLast(Comparator.naturalOrder())));
    }

    /** Replaces the element whose key equals {@code key}, or appends it (as {@link Docs#putBy} does for documents). */
    static <T> void putBy(List<T> list, java.util.function.Function<T, Object> keyOf, Object key, T element) {
        for (int i = 0; i < list.size(); i++) {
            if (Objects.equals(keyOf.apply(list.get(i)), key)) {
                list.set(i, element);
                return;
            }
        }
        list.add(element);
    }

    static <T> T findBy(List<T> list, java.util.function.Function<T, Object> keyOf, Object key) {
        return list.stream().filter(element -> Objects.equals(keyOf.apply(element), key)).findFirst().orElse(null);
    }

    static BigDecimal value(Amount amount) {
        return amount == null ? BigDecimal.ZERO : amount.value();
    }

    static Amount money(Money money) {
        return Amount.of(money);
    }

    static Complaints complaints(int open, int resolved, List<Complaint> recent) {
        return new Complaints(open, resolved, Customer360Draft.frozen(recent));
    }

    static Interaction interaction(InteractionRecorded e, FoldEvent at) {
        return new Interaction(e.interactionId(), Docs.name(e.channel()), e.contactId(), Docs.date(e.occurredOn()),
                e.outcome(), e.notes(), at.actor());
    }

    static Invoice invoice(InvoiceRecorded e) {
        return new Invoice(e.invoiceNumber(), Amount.of(e.amount()), Amount.of(e.amount()), Docs.date(e.invoicedOn()),
                Docs.date(e.dueOn()), e.orderNumber(), null, null);
    }

    static LifecycleDetail detail(String reason, String competitor, boolean churned) {
        return new LifecycleDetail(reason, churned ? new Maybe<>(competitor) : null);
    }
}
