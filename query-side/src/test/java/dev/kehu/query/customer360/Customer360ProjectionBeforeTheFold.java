package dev.kehu.query.customer360;

import dev.kehu.events.MetadataKeys;
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
import dev.kehu.events.customer.contact.Phone;
import dev.kehu.events.customer.contact.PrimaryContactChosen;
import dev.kehu.events.customer.service.ReturnVisitRecorded;
import dev.kehu.events.customer.order.ValueTier;
import dev.kehu.events.opportunity.OpportunityAmountChanged;
import dev.kehu.events.opportunity.OpportunityCloseDateChanged;
import dev.kehu.events.opportunity.OpportunityLost;
import dev.kehu.events.opportunity.OpportunityOpened;
import dev.kehu.events.opportunity.OpportunityOwnerReassigned;
import dev.kehu.events.opportunity.OpportunityPriorityChanged;
import dev.kehu.events.opportunity.OpportunityProbabilityOverridden;
import dev.kehu.events.opportunity.OpportunityReopened;
import dev.kehu.events.opportunity.OpportunityStageChanged;
import dev.kehu.events.opportunity.OpportunityWon;
import dev.kehu.query.projection.Docs;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ViewWriter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Customer 360 (客户360): one document per customer with everything an account manager needs on
 * one screen. Opportunity events reach their customer through {@code customer_360_opportunities}
 * ({@code _id} = opportunity id), which also keeps each opportunity's summary.
 */

@ProcessingGroup(ProjectionGroups.CUSTOMER_360)
public class Customer360ProjectionBeforeTheFold {

    public static final String COLLECTION = "customer_360";
    public static final String OPPORTUNITIES = "customer_360_opportunities";
    static final int LAST_INTERACTIONS = 10;
    static final int RECENT_COMPLAINTS = 20;
    static final int PAID_INVOICES_KEPT = 10;

    private final ViewWriter views;

    public Customer360ProjectionBeforeTheFold(ViewWriter views) {
        this.views = views;
    }

    @ResetHandler
    public void reset() {
        views.database().getCollection(COLLECTION).drop();
        views.database().getCollection(OPPORTUNITIES).drop();
    }

    @EventHandler
    public void on(CustomerRegistered event, TrackingToken token, @Timestamp Instant at) {
        views.upsert(COLLECTION, event.customerId(), token, doc -> {
            doc.put("kind", Docs.name(event.kind()));
            profile(doc, event.profile());
            doc.put("registeredAt", Docs.instant(at));
            doc.put("lifecycle", LifecycleStage.PROSPECT.name());
            doc.put("tier", ValueTier.NONE.name());
            doc.put("accountManager", null);
            doc.put("assignmentHistory", List.of());
            doc.put("contacts", List.of());
            doc.put("primaryContactId", null);
            Document credit = new Document("limit", null).append("rating", null).append("hold", false)
                    .append("holdReason", null).append("reservations", new Document()).append("exposure", null);
            doc.put("credit", credit);
            doc.put("invoices", List.of());
            doc.put("openOpportunities", List.of());
            doc.put("lastInteractions", List.of());
            doc.put("interactionCount", 0);
            doc.put("lastInteractionOn", null);
            doc.put("openFollowUps", List.of());
            doc.put("complaints", new Document("open", 0).append("resolved", 0).append("recent", List.of()));
            doc.put("orderCount", 0);
            doc.put("lastOrderOn", null);
            doc.put("mergedInto", null);
            exposure(doc);
        });
    }

    @EventHandler
    public void on(CustomerProfileChanged event, TrackingToken token) {
        views.update(COLLECTION, event.customerId(), token, doc -> profile(doc, event.profile()));
    }

    @EventHandler
    public void on(ContactAdded event, TrackingToken token) {
        views.update(COLLECTION, event.customerId(), token, doc -> putContact(doc, event.contact()));
    }

    @EventHandler
    public void on(ContactChanged event, TrackingToken token) {
        views.update(COLLECTION, event.customerId(), token, doc -> putContact(doc, event.contact()));
    }

    @EventHandler
    public void on(ContactRemoved event, TrackingToken token) {
        views.update(COLLECTION, event.customerId(), token, doc -> {
            Docs.removeBy(Docs.list(doc, "contacts"), "contactId", event.contactId());
            if (event.contactId().equals(doc.getString("primaryContactId"))) {
                doc.put("primaryContactId", null);
            }
        });
    }

    @EventHandler
    public void on(PrimaryContactChosen event, TrackingToken token) {
        views.update(COLLECTION, event.customerId(), token, doc -> {
            doc.put("primaryContactId", event.contactId());
            for (Document contact : Docs.list(doc, "contacts")) {
                contact.put("primary", event.contactId().equals(contact.getString("contactId")));
            }
        });
    }

    @EventHandler
    public void on(AccountManagerAssigned event, TrackingToken token, @Timestamp Instant at,
                   @MetaDataValue(MetadataKeys.ACTOR) String actor) {
        views.update(COLLECTION, event.customerId(), token, doc -> {
            doc.put("accountManager", event.accountManager());
            Docs.list(doc, "assignmentHistory").add(new Document("accountManager", event.accountManager())
                    .append("previousAccountManager", event.previousAccountManager())
                    .append("reason", event.reason())
                    .append("assignedAt", Docs.instant(at))
                    .append("assignedBy", actor));
        });
    }

    @EventHandler
    public void on(CustomerTierChanged event, TrackingToken token) {
        views.update(COLLECTION, event.customerId(), token, doc -> {
            doc.put("tier", event.tier().name());
            doc.put("twelveMonthSpend", Docs.money(event.twelveMonthSpend()));
        });
    }

    @EventHandler
    public void on(CreditLimitSet event, TrackingToken token) {
        credit(event.customerId(), token, credit -> credit.put("limit", Docs.money(event.limit())));
    }

    @EventHandler
    public void on(CreditRatingSet event, TrackingToken token) {
        credit(event.customerId(), token, credit -> credit.put("rating", Docs.name(event.rating())));
    }

    @EventHandler
    public void on(CreditHoldPlaced event, TrackingToken token) {
        credit(event.customerId(), token, credit -> credit.append("hold", true).append("holdReason", event.reason()));
    }

    @EventHandler
    public void on(CreditHoldReleased event, TrackingToken token) {
        credit(event.customerId(), token, credit -> credit.append("hold", false).append("holdReason", null));
    }

    @EventHandler
    public void on(CreditReserved event, TrackingToken token) {
        credit(event.customerId(), token,
                credit -> Docs.child(credit, "reservations").put(event.opportunityId(), Docs.money(event.amount())));
    }

    @EventHandler
    public void on(CreditReleased event, TrackingToken token) {
        credit(event.customerId(), token, credit -> Docs.child(credit, "reservations").remove(event.opportunityId()));
    }

    @EventHandler
    public void on(InvoiceRecorded event, TrackingToken token) {
        views.update(COLLECTION, event.customerId(), token, doc -> {
            Docs.putBy(Docs.list(doc, "invoices"), "invoiceNumber", event.invoiceNumber(),
                    new Document("invoiceNumber", event.invoiceNumber())
                            .append("amount", Docs.money(event.amount()))
                            .append("outstanding", Docs.money(event.amount()))
                            .append("invoicedOn", Docs.date(event.invoicedOn()))
                            .append("dueOn", Docs.date(event.dueOn()))
                            .append("orderNumber", event.orderNumber())
                            .append("overdueSince", null));
            if (event.opportunityId() != null) { // issue 17: an invoice for part of the deal leaves the rest reserved
                Document reservations = Docs.child(Docs.child(doc, "credit"), "reservations");
                Object reserved = reservations.remove(event.opportunityId());
                java.math.BigDecimal left = reserved == null ? null : dev.kehu.query.figures.CreditExposure.reservationLeft(
                        Docs.amount(reserved), Docs.currency(reserved), Docs.storable(event.amount().amount()), event.amount().currency());
                if (left != null) {
                    reservations.put(event.opportunityId(), new Document("amount", Docs.decimal(left)).append("currency", Docs.currency(reserved)));
                }
            }
            exposure(doc);
        });
    }

    @EventHandler
    public void on(PaymentRecorded event, TrackingToken token) {
        views.update(COLLECTION, event.customerId(), token, doc -> {
            Document invoice = Docs.findBy(Docs.list(doc, "invoices"), "invoiceNumber", event.invoiceNumber());
            if (invoice != null) {
                BigDecimal left = Docs.amount(invoice.get("outstanding")).subtract(Docs.amount(event.amount())).max(BigDecimal.ZERO);
                invoice.put("outstanding", Docs.money(new Money(left, event.amount().currency())));
                if (left.signum() == 0) {
                    invoice.put("paidOn", Docs.date(event.paidOn()));
                }
            }
            trimPaidInvoices(doc);
            exposure(doc);
        });
    }

    @EventHandler
    public void on(InvoiceOverdue event, TrackingToken token) {
        views.update(COLLECTION, event.customerId(), token, doc -> {
            Document invoice = Docs.findBy(Docs.list(doc, "invoices"), "invoiceNumber", event.invoiceNumber());
            if (invoice != null) {
                invoice.put("overdueSince", Docs.date(event.overdueSince()));
                invoice.put("outstanding", Docs.money(event.outstanding()));
            }
            exposure(doc);
        });
    }

    @EventHandler
    public void on(OrderRecorded event, TrackingToken token) {
        views.update(COLLECTION, event.customerId(), token, doc -> {
            doc.put("orderCount", doc.getInteger("orderCount", 0) + 1);
            String on = Docs.date(event.orderedOn());
            String last = doc.getString("lastOrderOn");
            if (Docs.later(on, last)) {
                doc.put("lastOrderOn", on);
            }
        });
    }

    @EventHandler
    public void on(CustomerActivated event, TrackingToken token) {
        lifecycle(event.customerId(), token, LifecycleStage.ACTIVE, null);
    }

    @EventHandler
    public void on(CustomerBecameDormant event, TrackingToken token) {
        lifecycle(event.customerId(), token, LifecycleStage.DORMANT, null);
    }

    @EventHandler
    public void on(CustomerChurned event, TrackingToken token) {
        lifecycle(event.customerId(), token, LifecycleStage.CHURNED,
                new Document("reason", event.reason()).append("competitor", event.competitor()));
    }

    @EventHandler
    public void on(CustomerDropped event, TrackingToken token) {
        lifecycle(event.customerId(), token, LifecycleStage.DROPPED, new Document("reason", event.reason()));
    }

    @EventHandler
    public void on(CustomerReactivated event, TrackingToken token) {
        lifecycle(event.customerId(), token, LifecycleStage.REACTIVATED, new Document("reason", event.reason()));
    }

    @EventHandler
    public void on(CustomerMerged event, TrackingToken token) {
        views.update(COLLECTION, event.customerId(), token, doc -> doc.put("mergedInto", event.survivorId()));
    }

    @EventHandler
    public void on(DuplicateCustomerAbsorbed event, TrackingToken token) {
        views.update(COLLECTION, event.customerId(), token, doc -> {
            event.contacts().forEach(contact -> putContact(doc, contact));
            List<Document> followUps = Docs.list(doc, "openFollowUps");
            for (OpenFollowUp followUp : event.followUps()) {
                Docs.putBy(followUps, "followUpId", followUp.followUpId(), followUp(followUp.followUpId(),
                        followUp.interactionId(), Docs.date(followUp.dueOn())));
            }
            followUps.sort(Comparator.comparing(d -> d.getString("dueOn"), Comparator.nullsLast(Comparator.naturalOrder())));
            Docs.strings(doc, "absorbedDuplicates").add(event.duplicateId());
        });
    }

    @EventHandler
    public void on(InteractionRecorded event, TrackingToken token, @MetaDataValue(MetadataKeys.ACTOR) String actor) {
        views.update(COLLECTION, event.customerId(), token, doc -> {
            List<Document> last = Docs.list(doc, "lastInteractions");
            last.add(new Document("interactionId", event.interactionId())
                    .append("channel", Docs.name(event.channel()))
                    .append("contactId", event.contactId())
                    .append("occurredOn", Docs.date(event.occurredOn()))
                    .append("outcome", event.outcome())
                    .append("notes", event.notes())
                    .append("recordedBy", actor));
            last.sort(Comparator.comparing((Document d) -> d.getString("occurredOn"), Comparator.nullsFirst(Comparator.naturalOrder())).reversed()
                    .thenComparing(d -> d.getString("interactionId"), Comparator.nullsLast(Comparator.naturalOrder())));
            while (last.size() > LAST_INTERACTIONS) {
                last.remove(last.size() - 1);
            }
            doc.put("interactionCount", doc.getInteger("interactionCount", 0) + 1);
            String on = Docs.date(event.occurredOn());
            String previous = doc.getString("lastInteractionOn");
            if (Docs.later(on, previous)) {
                doc.put("lastInteractionOn", on);
            }
        });
    }

    @EventHandler
    public void on(FollowUpScheduled event, TrackingToken token) {
        views.update(COLLECTION, event.customerId(), token, doc -> {
            List<Document> followUps = Docs.list(doc, "openFollowUps");
            Docs.putBy(followUps, "followUpId", event.followUpId(),
                    followUp(event.followUpId(), event.interactionId(), Docs.date(event.dueOn())));
            followUps.sort(Comparator.comparing(d -> d.getString("dueOn"), Comparator.nullsLast(Comparator.naturalOrder())));
        });
    }

    @EventHandler
    public void on(FollowUpRescheduled event, TrackingToken token) {
        views.update(COLLECTION, event.customerId(), token, doc -> {
            List<Document> followUps = Docs.list(doc, "openFollowUps");
            Document followUp = Docs.findBy(followUps, "followUpId", event.followUpId());
            if (followUp != null) {
                followUp.put("dueOn", Docs.date(event.dueOn()));
                followUps.sort(Comparator.comparing(d -> d.getString("dueOn"), Comparator.nullsLast(Comparator.naturalOrder())));
            }
        });
    }

    @EventHandler
    public void on(FollowUpCompleted event, TrackingToken token) {
        views.update(COLLECTION, event.customerId(), token,
                doc -> Docs.removeBy(Docs.list(doc, "openFollowUps"), "followUpId", event.followUpId()));
    }

    @EventHandler
    public void on(ComplaintLogged event, TrackingToken token, @Timestamp Instant at) {
        views.update(COLLECTION, event.customerId(), token, doc -> {
            Document complaints = Docs.child(doc, "complaints");
            complaints.put("open", complaints.getInteger("open", 0) + 1);
            List<Document> recent = Docs.list(complaints, "recent");
            recent.add(0, new Document("complaintId", event.complaintId())
                    .append("subject", event.subject())
                    .append("status", "OPEN")
                    .append("loggedAt", Docs.instant(at))
                    .append("resolvedAt", null)
                    .append("satisfactionScore", null));
            while (recent.size() > RECENT_COMPLAINTS) {
                recent.remove(recent.size() - 1);
            }
        });
    }

    @EventHandler
    public void on(ComplaintResolved event, TrackingToken token, @Timestamp Instant at) {
        views.update(COLLECTION, event.customerId(), token, doc -> {
            Document complaints = Docs.child(doc, "complaints");
            complaints.put("open", Math.max(0, complaints.getInteger("open", 0) - 1));
            complaints.put("resolved", complaints.getInteger("resolved", 0) + 1);
            Document complaint = Docs.findBy(Docs.list(complaints, "recent"), "complaintId", event.complaintId());
            if (complaint != null) {
                complaint.append("status", "RESOLVED").append("resolution", event.resolution())
                        .append("resolvedAt", Docs.instant(at)).append("satisfactionScore", event.satisfactionScore());
            }
        });
    }

    @EventHandler
    public void on(ReturnVisitRecorded event, TrackingToken token) {
        views.update(COLLECTION, event.customerId(), token, doc -> {
            doc.put("lastReturnVisitOn", Docs.date(event.visitedOn()));
            if (event.satisfactionScore() != null) {
                doc.put("lastSatisfactionScore", event.satisfactionScore());
            }
        });
    }

    // --- opportunities of the customer -------------------------------------------------------

    @EventHandler
    public void on(OpportunityOpened event, TrackingToken token) {
        views.upsert(OPPORTUNITIES, event.opportunityId(), token, opportunity -> opportunity
                .append("customerId", event.customerId())
                .append("title", event.title())
                .append("amount", Docs.money(event.amount()))
                .append("stage", event.stage().name())
                .append("probability", event.probability())
                .append("expectedCloseDate", Docs.date(event.expectedCloseDate()))
                .append("ownerId", event.ownerId())
                .append("priority", Docs.name(event.priority()))
                .append("open", true));
        reflect(event.opportunityId(), token);
    }

    @EventHandler
    public void on(OpportunityStageChanged event, TrackingToken token) {
        opportunity(event.opportunityId(), token, o -> o.append("stage", event.to().name()).append("probability", event.probability()));
    }

    @EventHandler
    public void on(OpportunityAmountChanged event, TrackingToken token) {
        opportunity(event.opportunityId(), token, o -> o.put("amount", Docs.money(event.amount())));
    }

    @EventHandler
    public void on(OpportunityCloseDateChanged event, TrackingToken token) {
        opportunity(event.opportunityId(), token, o -> o.put("expectedCloseDate", Docs.date(event.expectedCloseDate())));
    }

    @EventHandler
    public void on(OpportunityOwnerReassigned event, TrackingToken token) {
        opportunity(event.opportunityId(), token, o -> o.put("ownerId", event.ownerId()));
    }

    @EventHandler
    public void on(OpportunityPriorityChanged event, TrackingToken token) {
        opportunity(event.opportunityId(), token, o -> o.put("priority", Docs.name(event.priority())));
    }

    @EventHandler
    public void on(OpportunityProbabilityOverridden event, TrackingToken token) {
        opportunity(event.opportunityId(), token, o -> o.put("probability", event.probability()));
    }

    @EventHandler
    public void on(OpportunityWon event, TrackingToken token) {
        opportunity(event.opportunityId(), token, o -> o.append("stage", "WON").append("open", false)
                .append("amount", Docs.money(event.amount())).append("probability", 100));
    }

    @EventHandler
    public void on(OpportunityLost event, TrackingToken token) {
        opportunity(event.opportunityId(), token, o -> o.append("stage", "LOST").append("open", false).append("probability", 0));
    }

    @EventHandler
    public void on(OpportunityReopened event, TrackingToken token) {
        opportunity(event.opportunityId(), token, o -> o.append("stage", event.stage().name()).append("open", true)
                .append("probability", event.probability()));
    }

    private void opportunity(String opportunityId, TrackingToken token, Consumer<Document> change) {
        views.update(OPPORTUNITIES, opportunityId, token, change);
        reflect(opportunityId, token);
    }

    /** Copies the opportunity's summary into (or out of) its customer's open opportunities. */
    private void reflect(String opportunityId, TrackingToken token) {
        views.find(OPPORTUNITIES, opportunityId).ifPresent(opportunity ->
                views.update(COLLECTION, opportunity.getString("customerId"), token, doc -> {
                    List<Document> open = Docs.list(doc, "openOpportunities");
                    if (opportunity.getBoolean("open", false)) {
                        Document summary = new Document("opportunityId", opportunityId);
                        for (String field : List.of("title", "amount", "stage", "probability", "expectedCloseDate", "ownerId", "priority")) {
                            summary.put(field, opportunity.get(field));
                        }
                        Docs.putBy(open, "opportunityId", opportunityId, summary);
                        open.sort(Comparator.comparing((Document d) -> String.valueOf(d.get("expectedCloseDate")))
                                .thenComparing(d -> d.getString("opportunityId")));
                    } else {
                        Docs.removeBy(open, "opportunityId", opportunityId);
                    }
                    exposure(doc);
                }));
    }

    // --- helpers -----------------------------------------------------------------------------

    private void credit(String customerId, TrackingToken token, Consumer<Document> change) {
        views.update(COLLECTION, customerId, token, doc -> {
            change.accept(Docs.child(doc, "credit"));
            exposure(doc);
        });
    }

    private void lifecycle(String customerId, TrackingToken token, LifecycleStage stage, Document detail) {
        views.update(COLLECTION, customerId, token, doc -> {
            doc.put("lifecycle", stage.name());
            doc.put("lifecycleDetail", detail);
        });
    }

    /** Keeps every unpaid invoice and only the most recently invoiced paid ones; the count of all stays. */
    static void trimPaidInvoices(Document doc) {
        List<Document> invoices = Docs.list(doc, "invoices");
        List<Document> paid = invoices.stream().filter(i -> Docs.amount(i.get("outstanding")).signum() == 0).toList();
        if (paid.size() <= PAID_INVOICES_KEPT) {
            return;
        }
        List<Document> dropped = paid.stream()
                .sorted(Comparator.comparing((Document i) -> i.getString("invoicedOn"), Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(i -> i.getString("invoiceNumber"), Comparator.nullsFirst(Comparator.naturalOrder())))
                .limit(paid.size() - PAID_INVOICES_KEPT).toList();
        invoices.removeIf(i -> dropped.stream().anyMatch(d -> d == i));
        doc.put("paidInvoicesNotShown", doc.getInteger("paidInvoicesNotShown", 0) + dropped.size());
    }

    /** Credit exposure: open deals + won deals reserved but not invoiced + unpaid invoices, against the limit. */
    static void exposure(Document doc) {
        Document credit = Docs.child(doc, "credit");
        BigDecimal openDeals = BigDecimal.ZERO;
        for (Document opportunity : Docs.list(doc, "openOpportunities")) {
            openDeals = openDeals.add(Docs.amount(opportunity.get("amount")));
        }
        BigDecimal reserved = BigDecimal.ZERO;
        for (Object reservation : Docs.child(credit, "reservations").values()) {
            reserved = reserved.add(Docs.amount(reservation));
        }
        BigDecimal unpaid = BigDecimal.ZERO;
        BigDecimal overdue = BigDecimal.ZERO;
        for (Document invoice : Docs.list(doc, "invoices")) {
            BigDecimal outstanding = Docs.amount(invoice.get("outstanding"));
            unpaid = unpaid.add(outstanding);
            if (invoice.get("overdueSince") != null) {
                overdue = overdue.add(outstanding);
            }
        }
        BigDecimal total = openDeals.add(reserved).add(unpaid);
        Document exposure = new Document("openDeals", Docs.decimal(openDeals))
                .append("reserved", Docs.decimal(reserved))
                .append("unpaidInvoices", Docs.decimal(unpaid))
                .append("overdueInvoices", Docs.decimal(overdue))
                .append("total", Docs.decimal(total));
        Object limit = credit.get("limit");
        exposure.append("available", limit == null ? null : Docs.decimal(Docs.amount(limit).subtract(total)));
        exposure.append("overLimit", limit != null && total.compareTo(Docs.amount(limit)) > 0);
        credit.put("exposure", exposure);
    }

    private static void profile(Document doc, CustomerProfile profile) {
        doc.put("name", profile.displayName());
        doc.put("chineseName", profile.chineseName());
        doc.put("latinName", profile.latinName());
        doc.put("creditCode", profile.creditCode());
        doc.put("mobile", phone(profile.mobile()));
        doc.put("email", profile.email());
        doc.put("industry", profile.industry());
        doc.put("region", profile.region());
        doc.put("segment", profile.segment());
        doc.put("sourceChannel", profile.sourceChannel());
        doc.put("tags", profile.tags());
        doc.put("addresses", profile.addresses());
        doc.put("preferences", new Document(new java.util.TreeMap<>(profile.preferences())));
        doc.put("notes", profile.notes());
    }

    private static void putContact(Document doc, ContactCard card) {
        Docs.putBy(Docs.list(doc, "contacts"), "contactId", card.contactId(), new Document("contactId", card.contactId())
                .append("name", card.name())
                .append("title", card.title())
                .append("phones", card.phones().stream().map(Customer360ProjectionBeforeTheFold::phone).toList())
                .append("emails", card.emails())
                .append("notes", card.notes())
                .append("primary", card.contactId().equals(doc.getString("primaryContactId"))));
    }

    private static Document phone(Phone phone) {
        return phone == null ? null : new Document("entered", phone.entered()).append("normalized", phone.normalized());
    }

    private static Document followUp(String followUpId, String interactionId, String dueOn) {
        return new Document("followUpId", followUpId).append("interactionId", interactionId).append("dueOn", dueOn);
    }
}
