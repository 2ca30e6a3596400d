package dev.kehu.query.risk;

import dev.kehu.events.customer.PersonalDataErased;
import dev.kehu.events.Money;
import dev.kehu.events.customer.AccountManagerAssigned;
import dev.kehu.events.customer.credit.CreditHoldPlaced;
import dev.kehu.events.customer.credit.CreditHoldReleased;
import dev.kehu.events.customer.credit.CreditLimitSet;
import dev.kehu.events.customer.credit.CreditRatingSet;
import dev.kehu.events.customer.credit.CreditReleased;
import dev.kehu.events.customer.credit.CreditReserved;
import dev.kehu.events.customer.lifecycle.CustomerLifecycleChanged;
import dev.kehu.events.customer.CustomerMerged;
import dev.kehu.events.customer.CustomerProfileChanged;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.credit.InvoiceOverdue;
import dev.kehu.events.customer.credit.InvoiceRecorded;
import dev.kehu.events.customer.lifecycle.LifecycleStage;
import dev.kehu.events.customer.order.OrderRecorded;
import dev.kehu.events.customer.credit.PaymentRecorded;
import dev.kehu.events.opportunity.OpportunityAmountChanged;
import dev.kehu.events.opportunity.OpportunityLost;
import dev.kehu.events.opportunity.OpportunityOpened;
import dev.kehu.events.opportunity.OpportunityReopened;
import dev.kehu.events.opportunity.OpportunityWon;
import dev.kehu.query.figures.CreditExposure;
import dev.kehu.query.projection.Docs;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ViewWriter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;

/**
 * Risk: one document per customer ({@code risk_customers}) with order dates, credit limit, rating
 * and hold, open deals and credit reservations by opportunity, and invoices with what is still
 * outstanding. Opportunities find their customer through {@code risk_opportunities}.
 */
@Component
@ProcessingGroup(ProjectionGroups.RISK)
public class RiskProjection {

    public static final String COLLECTION = "risk_customers";
    public static final String OPPORTUNITIES = "risk_opportunities";

    private final ViewWriter views;

    public RiskProjection(ViewWriter views) {
        this.views = views;
    }

    @ResetHandler
    public void reset() {
        views.drop(COLLECTION, OPPORTUNITIES);
    }

    @EventHandler
    public void on(CustomerRegistered event, TrackingToken token) {
        views.upsert(COLLECTION, event.customerId(), token, doc -> doc
                .append("name", event.profile().displayName())
                .append("region", event.profile().region())
                .append("accountManager", null)
                .append("lifecycle", LifecycleStage.PROSPECT.name())
                .append("merged", false)
                .append("orderDates", List.of())
                .append("creditLimit", null)
                .append("rating", null)
                .append("hold", false)
                .append("openDeals", new Document())
                .append("reservations", new Document())
                .append("invoices", List.of()));
    }

    @EventHandler
    public void on(CustomerProfileChanged event, TrackingToken token) {
        customer(event.customerId(), token, doc -> doc
                .append("name", event.profile().displayName()).append("region", event.profile().region()));
    }

    /** An individual erased (docs/privacy.md): the name reads {@code [erased]}, as a rebuild would read it. */
    @EventHandler
    public void on(PersonalDataErased event, TrackingToken token) {
        if (event.erasesCustomer()) {
            customer(event.customerId(), token, doc -> doc.put("name", PersonalDataErased.ERASED));
        }
    }

    @EventHandler
    public void on(AccountManagerAssigned event, TrackingToken token) {
        customer(event.customerId(), token, doc -> doc.put("accountManager", event.accountManager()));
    }

    @EventHandler
    public void on(OrderRecorded event, TrackingToken token) {
        customer(event.customerId(), token, doc -> {
            String day = Docs.date(event.orderedOn());
            if (day != null) { // an order without a date tells nothing about recency
                List<String> dates = Docs.strings(doc, "orderDates");
                dates.add(day);
                dates.sort(null);
            }
        });
    }

    @EventHandler
    public void on(CreditLimitSet event, TrackingToken token) {
        customer(event.customerId(), token, doc -> doc.put("creditLimit", Docs.money(event.limit())));
    }

    @EventHandler
    public void on(CreditRatingSet event, TrackingToken token) {
        customer(event.customerId(), token, doc -> doc.put("rating", Docs.name(event.rating())));
    }

    @EventHandler
    public void on(CreditHoldPlaced event, TrackingToken token) {
        customer(event.customerId(), token, doc -> doc.append("hold", true).append("holdReason", event.reason()));
    }

    @EventHandler
    public void on(CreditHoldReleased event, TrackingToken token) {
        customer(event.customerId(), token, doc -> doc.append("hold", false).append("holdReason", null));
    }

    @EventHandler
    public void on(CreditReserved event, TrackingToken token) {
        customer(event.customerId(), token, doc -> Docs.child(doc, "reservations").put(event.opportunityId(), Docs.money(event.amount())));
    }

    @EventHandler
    public void on(CreditReleased event, TrackingToken token) {
        customer(event.customerId(), token, doc -> Docs.child(doc, "reservations").remove(event.opportunityId()));
    }

    @EventHandler
    public void on(InvoiceRecorded event, TrackingToken token) {
        customer(event.customerId(), token, doc -> {
            Docs.putBy(Docs.list(doc, "invoices"), "invoiceNumber", event.invoiceNumber(), new Document("invoiceNumber", event.invoiceNumber())
                    .append("amount", Docs.money(event.amount()))
                    .append("outstanding", Docs.money(event.amount()))
                    .append("invoicedOn", Docs.date(event.invoicedOn()))
                    .append("dueOn", Docs.date(event.dueOn()))
                    .append("overdueSince", null));
            if (event.opportunityId() != null) {
                Document reservations = Docs.child(doc, "reservations");
                Object reserved = reservations.get(event.opportunityId());
                BigDecimal left = reserved == null ? null : CreditExposure.reservationLeft(Docs.amount(reserved),
                        Docs.currency(reserved), Docs.storable(event.amount() == null ? null : event.amount().amount()),
                        event.amount() == null ? null : event.amount().currency());
                if (left == null) {
                    reservations.remove(event.opportunityId());
                } else {
                    reservations.put(event.opportunityId(), Docs.money(new Money(left, Docs.currency(reserved))));
                }
            }
        });
    }

    @EventHandler
    public void on(PaymentRecorded event, TrackingToken token) {
        customer(event.customerId(), token, doc -> {
            Document invoice = Docs.findBy(Docs.list(doc, "invoices"), "invoiceNumber", event.invoiceNumber());
            if (invoice != null) {
                BigDecimal left = Docs.amount(invoice.get("outstanding")).subtract(Docs.amount(event.amount())).max(BigDecimal.ZERO);
                invoice.put("outstanding", Docs.money(new Money(left, event.amount().currency())));
                invoice.put("lastPaidOn", Docs.date(event.paidOn()));
            }
        });
    }

    @EventHandler
    public void on(InvoiceOverdue event, TrackingToken token) {
        customer(event.customerId(), token, doc -> {
            Document invoice = Docs.findBy(Docs.list(doc, "invoices"), "invoiceNumber", event.invoiceNumber());
            if (invoice != null) {
                invoice.put("overdueSince", Docs.date(event.overdueSince()));
                invoice.put("outstanding", Docs.money(event.outstanding()));
            }
        });
    }

    /** Activated, dormant, churned, dropped, reactivated: the view keeps only the stage. */
    @EventHandler
    public void on(CustomerLifecycleChanged event, TrackingToken token) {
        lifecycle(event.customerId(), token, event.stage());
    }
    @EventHandler
    public void on(CustomerMerged event, TrackingToken token) {
        customer(event.customerId(), token, doc -> doc.put("merged", true));
    }

    @EventHandler
    public void on(OpportunityOpened event, TrackingToken token) {
        views.upsert(OPPORTUNITIES, event.opportunityId(), token, doc -> doc
                .append("customerId", event.customerId()).append("amount", Docs.money(event.amount())).append("open", true));
        openDeal(event.opportunityId(), token);
    }

    @EventHandler
    public void on(OpportunityAmountChanged event, TrackingToken token) {
        views.update(OPPORTUNITIES, event.opportunityId(), token, doc -> doc.put("amount", Docs.money(event.amount())));
        openDeal(event.opportunityId(), token);
    }

    @EventHandler
    public void on(OpportunityWon event, TrackingToken token) {
        views.update(OPPORTUNITIES, event.opportunityId(), token, doc -> doc.put("open", false));
        openDeal(event.opportunityId(), token);
    }

    @EventHandler
    public void on(OpportunityLost event, TrackingToken token) {
        views.update(OPPORTUNITIES, event.opportunityId(), token, doc -> doc.put("open", false));
        openDeal(event.opportunityId(), token);
    }

    @EventHandler
    public void on(OpportunityReopened event, TrackingToken token) {
        views.update(OPPORTUNITIES, event.opportunityId(), token, doc -> doc.put("open", true));
        openDeal(event.opportunityId(), token);
    }

    /** Mirrors the opportunity into (or out of) its customer's open deals. */
    private void openDeal(String opportunityId, TrackingToken token) {
        views.find(OPPORTUNITIES, opportunityId).ifPresent(opportunity ->
                customer(opportunity.getString("customerId"), token, doc -> {
                    Document openDeals = Docs.child(doc, "openDeals");
                    if (opportunity.getBoolean("open", false)) {
                        openDeals.put(opportunityId, opportunity.get("amount"));
                    } else {
                        openDeals.remove(opportunityId);
                    }
                }));
    }

    private void lifecycle(String customerId, TrackingToken token, LifecycleStage stage) {
        customer(customerId, token, doc -> doc.put("lifecycle", stage.name()));
    }

    private void customer(String customerId, TrackingToken token, Consumer<Document> change) {
        views.update(COLLECTION, customerId, token, change);
    }
}
