package dev.kehu.query.customerlist;

import dev.kehu.events.customer.PersonalDataErased;
import dev.kehu.events.customer.AccountManagerAssigned;
import dev.kehu.events.customer.lifecycle.CustomerLifecycleChanged;
import dev.kehu.events.customer.CustomerMerged;
import dev.kehu.events.customer.CustomerProfile;
import dev.kehu.events.customer.CustomerProfileChanged;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.order.CustomerTierChanged;
import dev.kehu.events.customer.followup.InteractionRecorded;
import dev.kehu.events.customer.lifecycle.LifecycleStage;
import dev.kehu.events.customer.order.OrderRecorded;
import dev.kehu.events.customer.order.ValueTier;
import dev.kehu.query.figures.SpendWindow;
import dev.kehu.query.projection.Docs;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ViewWriter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;

import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Customer list: one small document per customer with the fields the list filters and sorts on.
 * Spend is kept per currency and order day ({@code spendByDay.CNY.2026-03-14}), so the twelve-month
 * spend is summed for "today" at query time over the exact window ({@link SpendWindow}), the one the
 * tiers, RFM, key accounts and the 360 view use. Every change also moves the customer's sort keys by name and last
 * interaction ({@link CustomerListKeys}).
 */
@Component
@ProcessingGroup(ProjectionGroups.CUSTOMER_LIST)
public class CustomerListProjection {

    public static final String COLLECTION = "customer_list";

    private final ViewWriter views;

    public CustomerListProjection(ViewWriter views) {
        this.views = views;
    }

    @ResetHandler
    public void reset() {
        views.drop(COLLECTION, CustomerListKeys.COLLECTION);
    }

    /** Changes the customer's document (if it has not seen this event) and moves its sort keys ({@link CustomerListKeys}). */
    private void change(String customerId, TrackingToken token, Consumer<Document> change) {
        change(customerId, token, change, false);
    }

    private void change(String customerId, TrackingToken token, Consumer<Document> change, boolean create) {
        Document before = views.find(COLLECTION, customerId).orElse(null);
        boolean changed = create ? views.upsert(COLLECTION, customerId, token, change) : views.update(COLLECTION, customerId, token, change);
        if (changed) {
            CustomerListKeys.write(views, token, before, views.find(COLLECTION, customerId).orElse(null));
        }
    }

    @EventHandler
    public void on(CustomerRegistered event, TrackingToken token) {
        change(event.customerId(), token, doc -> {
            doc.put("kind", Docs.name(event.kind()));
            profile(doc, event.profile());
            doc.put("tier", ValueTier.NONE.name());
            doc.put("accountManager", null);
            doc.put("lifecycle", LifecycleStage.PROSPECT.name());
            doc.put("lastInteractionOn", null);
            doc.put("spendByDay", new Document());
            doc.put("merged", false);
        }, true);
    }

    @EventHandler
    public void on(CustomerProfileChanged event, TrackingToken token) {
        change(event.customerId(), token, doc -> profile(doc, event.profile()));
    }

    /** An individual erased (docs/privacy.md): the names read {@code [erased]}, as a rebuild would read them; the sort keys move with them. */
    @EventHandler
    public void on(PersonalDataErased event, TrackingToken token) {
        if (event.erasesCustomer()) {
            change(event.customerId(), token, doc -> doc.append("name", PersonalDataErased.ERASED)
                    .append("chineseName", PersonalDataErased.erase(doc.getString("chineseName")))
                    .append("latinName", PersonalDataErased.erase(doc.getString("latinName"))));
        }
    }

    @EventHandler
    public void on(AccountManagerAssigned event, TrackingToken token) {
        change(event.customerId(), token, doc -> doc.put("accountManager", event.accountManager()));
    }

    @EventHandler
    public void on(CustomerTierChanged event, TrackingToken token) {
        change(event.customerId(), token, doc -> doc.put("tier", event.tier().name()));
    }

    @EventHandler
    public void on(InteractionRecorded event, TrackingToken token) {
        change(event.customerId(), token, doc -> {
            String on = Docs.date(event.occurredOn());
            String previous = doc.getString("lastInteractionOn");
            if (Docs.later(on, previous)) {
                doc.put("lastInteractionOn", on);
            }
        });
    }

    @EventHandler
    public void on(OrderRecorded event, TrackingToken token) {
        change(event.customerId(), token, doc -> {
            String day = Docs.date(event.orderedOn());
            if (day == null || event.amount() == null) {
                return; // an order without a (storable) date belongs to no day
            }
            SpendWindow.add(Docs.child(Docs.child(doc, "spendByDay"), event.amount().currency()), day, Docs.amount(event.amount()));
        });
    }

    /** Activated, dormant, churned, dropped, reactivated: the view keeps only the stage. */
    @EventHandler
    public void on(CustomerLifecycleChanged event, TrackingToken token) {
        lifecycle(event.customerId(), token, event.stage());
    }
    @EventHandler
    public void on(CustomerMerged event, TrackingToken token) {
        change(event.customerId(), token, doc -> doc.append("merged", true).append("mergedInto", event.survivorId()));
    }

    private void lifecycle(String customerId, TrackingToken token, LifecycleStage stage) {
        change(customerId, token, doc -> doc.put("lifecycle", stage.name()));
    }

    private static void profile(Document doc, CustomerProfile profile) {
        doc.put("name", profile.displayName());
        doc.put("chineseName", profile.chineseName());
        doc.put("latinName", profile.latinName());
        doc.put("region", profile.region());
        doc.put("segment", profile.segment());
        doc.put("industry", profile.industry());
        doc.put("tags", profile.tags());
    }
}
