package dev.kehu.query.value;

import dev.kehu.events.customer.PersonalDataErased;
import dev.kehu.events.customer.AccountManagerAssigned;
import dev.kehu.events.customer.lifecycle.CustomerLifecycleChanged;
import dev.kehu.events.customer.CustomerMerged;
import dev.kehu.events.customer.CustomerProfileChanged;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.order.CustomerTierChanged;
import dev.kehu.events.customer.lifecycle.LifecycleStage;
import dev.kehu.events.customer.order.OrderRecorded;
import dev.kehu.events.customer.order.ValueTier;
import dev.kehu.query.projection.Docs;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ViewWriter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Customer value: one document per customer ({@code value_customers}) with its orders (date,
 * amount, currency). RFM scores and key accounts depend on "today" and on all other customers, so
 * they are computed at query time.
 */
@Component
@ProcessingGroup(ProjectionGroups.VALUE)
public class ValueProjection {

    public static final String COLLECTION = "value_customers";

    private final ViewWriter views;

    public ValueProjection(ViewWriter views) {
        this.views = views;
    }

    @ResetHandler
    public void reset() {
        views.drop(COLLECTION);
    }

    @EventHandler
    public void on(CustomerRegistered event, TrackingToken token) {
        views.upsert(COLLECTION, event.customerId(), token, doc -> doc
                .append("name", event.profile().displayName())
                .append("region", event.profile().region())
                .append("segment", event.profile().segment())
                .append("accountManager", null)
                .append("lifecycle", LifecycleStage.PROSPECT.name())
                .append("tier", ValueTier.NONE.name())
                .append("merged", false)
                .append("orders", List.of()));
    }

    @EventHandler
    public void on(CustomerProfileChanged event, TrackingToken token) {
        views.update(COLLECTION, event.customerId(), token, doc -> doc
                .append("name", event.profile().displayName())
                .append("region", event.profile().region())
                .append("segment", event.profile().segment()));
    }

    /** An individual erased (docs/privacy.md): the name reads {@code [erased]}, as a rebuild would read it. */
    @EventHandler
    public void on(PersonalDataErased event, TrackingToken token) {
        if (event.erasesCustomer()) {
            views.update(COLLECTION, event.customerId(), token, doc -> doc.put("name", PersonalDataErased.ERASED));
        }
    }

    @EventHandler
    public void on(AccountManagerAssigned event, TrackingToken token) {
        views.update(COLLECTION, event.customerId(), token, doc -> doc.put("accountManager", event.accountManager()));
    }

    @EventHandler
    public void on(CustomerTierChanged event, TrackingToken token) {
        views.update(COLLECTION, event.customerId(), token, doc -> doc.put("tier", event.tier().name()));
    }

    @EventHandler
    public void on(OrderRecorded event, TrackingToken token) {
        views.update(COLLECTION, event.customerId(), token, doc -> Docs.list(doc, "orders").add(
                new Document("orderNumber", event.orderNumber())
                        .append("on", Docs.date(event.orderedOn()))
                        .append("amount", Docs.decimal(event.amount().amount()))
                        .append("currency", event.amount().currency())));
    }

    /** Activated, dormant, churned, dropped, reactivated: the view keeps only the stage. */
    @EventHandler
    public void on(CustomerLifecycleChanged event, TrackingToken token) {
        lifecycle(event.customerId(), token, event.stage());
    }
    @EventHandler
    public void on(CustomerMerged event, TrackingToken token) {
        views.update(COLLECTION, event.customerId(), token, doc -> doc.put("merged", true));
    }

    private void lifecycle(String customerId, TrackingToken token, LifecycleStage stage) {
        views.update(COLLECTION, customerId, token, doc -> doc.put("lifecycle", stage.name()));
    }
}
