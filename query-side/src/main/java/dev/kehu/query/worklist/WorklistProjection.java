package dev.kehu.query.worklist;

import dev.kehu.events.customer.PersonalDataErased;
import dev.kehu.events.customer.AccountManagerAssigned;
import dev.kehu.events.customer.lifecycle.CustomerLifecycleChanged;
import dev.kehu.events.customer.CustomerMerged;
import dev.kehu.events.customer.CustomerProfileChanged;
import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.customer.DuplicateCustomerAbsorbed;
import dev.kehu.events.customer.followup.FollowUpCompleted;
import dev.kehu.events.customer.followup.FollowUpRescheduled;
import dev.kehu.events.customer.followup.FollowUpScheduled;
import dev.kehu.events.customer.followup.InteractionRecorded;
import dev.kehu.events.customer.lifecycle.LifecycleStage;
import dev.kehu.events.customer.followup.OpenFollowUp;
import dev.kehu.events.opportunity.OpportunityAmountChanged;
import dev.kehu.events.opportunity.OpportunityCloseDateChanged;
import dev.kehu.events.opportunity.OpportunityLost;
import dev.kehu.events.opportunity.OpportunityOpened;
import dev.kehu.events.opportunity.OpportunityOwnerReassigned;
import dev.kehu.events.opportunity.OpportunityReopened;
import dev.kehu.events.opportunity.OpportunityStageChanged;
import dev.kehu.events.opportunity.OpportunityWon;
import dev.kehu.query.projection.Docs;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ViewWriter;
import org.bson.Document;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import java.time.Instant;

/**
 * Account-manager worklist: follow-ups ({@code worklist_follow_ups}, by follow-up id), customers
 * with their manager and last contact ({@code worklist_customers}) and opportunities with owner
 * and expected close date ({@code worklist_opportunities}), and the sections' keys ({@link WorklistKeys}). Which
 * follow-ups are due is decided at query time against "today", as the range of key dates read.
 */
@Component
@ProcessingGroup(ProjectionGroups.WORKLIST)
public class WorklistProjection {

    public static final String FOLLOW_UPS = "worklist_follow_ups";
    public static final String CUSTOMERS = "worklist_customers";
    public static final String OPPORTUNITIES = "worklist_opportunities";
    public static final String KEYS = WorklistKeys.COLLECTION;

    private final ViewWriter views;

    public WorklistProjection(ViewWriter views) {
        this.views = views;
    }

    @ResetHandler
    public void reset() {
        views.drop(FOLLOW_UPS, CUSTOMERS, OPPORTUNITIES, WorklistKeys.COLLECTION);
    }

    /**
     * Changes a customer and moves its keys ({@link WorklistKeys}): its own, and, when its manager or merged state
     * changed, those of its follow-ups.
     */
    private void customer(String customerId, TrackingToken token, Consumer<Document> change, boolean create) {
        Changed changed = change(CUSTOMERS, customerId, token, change, create);
        if (changed == null) {
            return;
        }
        Document before = changed.before();
        Document after = changed.after();
        WorklistKeys.move(views, token, WorklistKeys.customer(before), WorklistKeys.customer(after));
        if (before != null && after != null && Objects.equals(before.get("accountManager"), after.get("accountManager"))
                && before.getBoolean("merged", false) == after.getBoolean("merged", false)) {
            return;
        }
        for (String followUpId : after == null ? List.<String>of() : after.getList("followUpIds", String.class, List.of())) {
            Document followUp = views.find(FOLLOW_UPS, followUpId).orElse(null);
            if (followUp == null || !customerId.equals(followUp.getString("customerId"))) {
                continue; // taken by the customer this one was merged into
            }
            WorklistKeys.move(views, token, WorklistKeys.followUp(followUp, before), WorklistKeys.followUp(followUp, after));
        }
    }

    /** A document before and after a change. */
    private record Changed(Document before, Document after) {
    }

    /** Changes (or creates) a document; its state before and after, or null when the event had been applied to it. */
    private Changed change(String collection, String id, TrackingToken token, Consumer<Document> change, boolean create) {
        Document before = views.find(collection, id).orElse(null);
        boolean changed = create ? views.upsert(collection, id, token, change) : views.update(collection, id, token, change);
        return changed ? new Changed(before, views.find(collection, id).orElse(null)) : null;
    }

    private void customer(String customerId, TrackingToken token, Consumer<Document> change) {
        customer(customerId, token, change, false);
    }

    /** Lists follow-ups with their customer (one change of the customer per event), so a change of manager moves their keys. */
    private void listFollowUps(String customerId, TrackingToken token, List<String> followUpIds) {
        views.update(CUSTOMERS, customerId, token, doc -> {
            List<String> ids = Docs.strings(doc, "followUpIds");
            followUpIds.stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        });
    }

    /** Changes a follow-up and moves its key. */
    private void followUp(String followUpId, TrackingToken token, Consumer<Document> change, boolean create) {
        Changed changed = change(FOLLOW_UPS, followUpId, token, change, create);
        if (changed == null) {
            return;
        }
        Document before = changed.before();
        Document after = changed.after();
        String customerId = after == null ? null : after.getString("customerId");
        Document ownerBefore = before == null ? null : views.find(CUSTOMERS, before.getString("customerId")).orElse(null);
        Document ownerAfter = customerId == null ? null : views.find(CUSTOMERS, customerId).orElse(null);
        WorklistKeys.move(views, token, WorklistKeys.followUp(before, ownerBefore), WorklistKeys.followUp(after, ownerAfter));
    }

    private void opportunity(String opportunityId, TrackingToken token, Consumer<Document> change, boolean create) {
        Changed changed = change(OPPORTUNITIES, opportunityId, token, change, create);
        if (changed != null) {
            WorklistKeys.move(views, token, WorklistKeys.opportunity(changed.before()), WorklistKeys.opportunity(changed.after()));
        }
    }

    private void opportunity(String opportunityId, TrackingToken token, Consumer<Document> change) {
        opportunity(opportunityId, token, change, false);
    }

    @EventHandler
    public void on(CustomerRegistered event, TrackingToken token, @Timestamp Instant at) {
        customer(event.customerId(), token, doc -> doc
                .append("name", event.profile().displayName())
                .append("region", event.profile().region())
                .append("accountManager", null)
                .append("lifecycle", LifecycleStage.PROSPECT.name())
                .append("registeredOn", at.atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate().toString())
                .append("lastInteractionOn", null)
                .append("merged", false), true);
    }

    @EventHandler
    public void on(CustomerProfileChanged event, TrackingToken token) {
        views.update(CUSTOMERS, event.customerId(), token, doc -> doc
                .append("name", event.profile().displayName()).append("region", event.profile().region()));
    }

    /** An individual erased (docs/privacy.md): the name reads {@code [erased]}, as a rebuild would read it. */
    @EventHandler
    public void on(PersonalDataErased event, TrackingToken token) {
        if (event.erasesCustomer()) {
            views.update(CUSTOMERS, event.customerId(), token, doc -> doc.put("name", PersonalDataErased.ERASED));
        }
    }

    @EventHandler
    public void on(AccountManagerAssigned event, TrackingToken token) {
        customer(event.customerId(), token, doc -> doc.put("accountManager", event.accountManager()));
    }

    @EventHandler
    public void on(InteractionRecorded event, TrackingToken token) {
        customer(event.customerId(), token, doc -> {
            String on = Docs.date(event.occurredOn());
            String previous = doc.getString("lastInteractionOn");
            if (Docs.later(on, previous)) {
                doc.put("lastInteractionOn", on);
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
    public void on(FollowUpScheduled event, TrackingToken token) {
        listFollowUps(event.customerId(), token, List.of(event.followUpId()));
        followUp(event.followUpId(), token, doc -> doc
                .append("customerId", event.customerId())
                .append("interactionId", event.interactionId())
                .append("dueOn", Docs.date(event.dueOn()))
                .append("open", true), true);
    }

    @EventHandler
    public void on(FollowUpRescheduled event, TrackingToken token) {
        followUp(event.followUpId(), token, doc -> doc.put("dueOn", Docs.date(event.dueOn())), false);
    }

    @EventHandler
    public void on(FollowUpCompleted event, TrackingToken token) {
        followUp(event.followUpId(), token, doc -> doc
                .append("open", false).append("completedOn", Docs.date(event.completedOn())).append("outcome", event.outcome()), false);
    }

    @EventHandler
    public void on(DuplicateCustomerAbsorbed event, TrackingToken token) {
        listFollowUps(event.customerId(), token, event.followUps().stream().map(OpenFollowUp::followUpId).toList());
        for (OpenFollowUp followUp : event.followUps()) {
            followUp(followUp.followUpId(), token, doc -> doc
                    .append("customerId", event.customerId())
                    .append("interactionId", followUp.interactionId())
                    .append("dueOn", Docs.date(followUp.dueOn()))
                    .append("open", true), true);
        }
    }

    @EventHandler
    public void on(OpportunityOpened event, TrackingToken token) {
        opportunity(event.opportunityId(), token, doc -> doc
                .append("customerId", event.customerId())
                .append("title", event.title())
                .append("ownerId", event.ownerId())
                .append("stage", event.stage().name())
                .append("amount", Docs.money(event.amount()))
                .append("expectedCloseDate", Docs.date(event.expectedCloseDate()))
                .append("open", true), true);
    }

    @EventHandler
    public void on(OpportunityStageChanged event, TrackingToken token) {
        opportunity(event.opportunityId(), token, doc -> doc.put("stage", event.to().name()));
    }

    @EventHandler
    public void on(OpportunityAmountChanged event, TrackingToken token) {
        opportunity(event.opportunityId(), token, doc -> doc.put("amount", Docs.money(event.amount())));
    }

    @EventHandler
    public void on(OpportunityCloseDateChanged event, TrackingToken token) {
        opportunity(event.opportunityId(), token, doc -> doc.put("expectedCloseDate", Docs.date(event.expectedCloseDate())));
    }

    @EventHandler
    public void on(OpportunityOwnerReassigned event, TrackingToken token) {
        opportunity(event.opportunityId(), token, doc -> doc.put("ownerId", event.ownerId()));
    }

    @EventHandler
    public void on(OpportunityWon event, TrackingToken token) {
        opportunity(event.opportunityId(), token, doc -> doc.append("open", false).append("stage", "WON"));
    }

    @EventHandler
    public void on(OpportunityLost event, TrackingToken token) {
        opportunity(event.opportunityId(), token, doc -> doc.append("open", false).append("stage", "LOST"));
    }

    @EventHandler
    public void on(OpportunityReopened event, TrackingToken token) {
        opportunity(event.opportunityId(), token, doc -> doc.append("open", true).append("stage", event.stage().name()));
    }

    private void lifecycle(String customerId, TrackingToken token, LifecycleStage stage) {
        customer(customerId, token, doc -> doc.put("lifecycle", stage.name()));
    }
}
