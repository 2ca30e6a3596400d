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
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Account-manager worklist: follow-ups ({@code worklist_follow_ups}, by follow-up id), customers
 * with their manager and last contact ({@code worklist_customers}) and opportunities with owner
 * and expected close date ({@code worklist_opportunities}). Which follow-ups are due is decided at
 * query time against "today".
 */
@Component
@ProcessingGroup(ProjectionGroups.WORKLIST)
public class WorklistProjection {

    public static final String FOLLOW_UPS = "worklist_follow_ups";
    public static final String CUSTOMERS = "worklist_customers";
    public static final String OPPORTUNITIES = "worklist_opportunities";

    private final ViewWriter views;

    public WorklistProjection(ViewWriter views) {
        this.views = views;
    }

    @ResetHandler
    public void reset() {
        views.drop(FOLLOW_UPS, CUSTOMERS, OPPORTUNITIES);
    }

    @EventHandler
    public void on(CustomerRegistered event, TrackingToken token, @Timestamp Instant at) {
        views.upsert(CUSTOMERS, event.customerId(), token, doc -> doc
                .append("name", event.profile().displayName())
                .append("region", event.profile().region())
                .append("accountManager", null)
                .append("lifecycle", LifecycleStage.PROSPECT.name())
                .append("registeredOn", at.atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate().toString())
                .append("lastInteractionOn", null)
                .append("merged", false));
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
        views.update(CUSTOMERS, event.customerId(), token, doc -> doc.put("accountManager", event.accountManager()));
    }

    @EventHandler
    public void on(InteractionRecorded event, TrackingToken token) {
        views.update(CUSTOMERS, event.customerId(), token, doc -> {
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
        views.update(CUSTOMERS, event.customerId(), token, doc -> doc.put("merged", true));
    }

    @EventHandler
    public void on(FollowUpScheduled event, TrackingToken token) {
        views.upsert(FOLLOW_UPS, event.followUpId(), token, doc -> doc
                .append("customerId", event.customerId())
                .append("interactionId", event.interactionId())
                .append("dueOn", Docs.date(event.dueOn()))
                .append("open", true));
    }

    @EventHandler
    public void on(FollowUpRescheduled event, TrackingToken token) {
        views.update(FOLLOW_UPS, event.followUpId(), token, doc -> doc.put("dueOn", Docs.date(event.dueOn())));
    }

    @EventHandler
    public void on(FollowUpCompleted event, TrackingToken token) {
        views.update(FOLLOW_UPS, event.followUpId(), token, doc -> doc
                .append("open", false).append("completedOn", Docs.date(event.completedOn())).append("outcome", event.outcome()));
    }

    @EventHandler
    public void on(DuplicateCustomerAbsorbed event, TrackingToken token) {
        for (OpenFollowUp followUp : event.followUps()) {
            views.upsert(FOLLOW_UPS, followUp.followUpId(), token, doc -> doc
                    .append("customerId", event.customerId())
                    .append("interactionId", followUp.interactionId())
                    .append("dueOn", Docs.date(followUp.dueOn()))
                    .append("open", true));
        }
    }

    @EventHandler
    public void on(OpportunityOpened event, TrackingToken token) {
        views.upsert(OPPORTUNITIES, event.opportunityId(), token, doc -> doc
                .append("customerId", event.customerId())
                .append("title", event.title())
                .append("ownerId", event.ownerId())
                .append("stage", event.stage().name())
                .append("amount", Docs.money(event.amount()))
                .append("expectedCloseDate", Docs.date(event.expectedCloseDate()))
                .append("open", true));
    }

    @EventHandler
    public void on(OpportunityStageChanged event, TrackingToken token) {
        views.update(OPPORTUNITIES, event.opportunityId(), token, doc -> doc.put("stage", event.to().name()));
    }

    @EventHandler
    public void on(OpportunityAmountChanged event, TrackingToken token) {
        views.update(OPPORTUNITIES, event.opportunityId(), token, doc -> doc.put("amount", Docs.money(event.amount())));
    }

    @EventHandler
    public void on(OpportunityCloseDateChanged event, TrackingToken token) {
        views.update(OPPORTUNITIES, event.opportunityId(), token, doc -> doc.put("expectedCloseDate", Docs.date(event.expectedCloseDate())));
    }

    @EventHandler
    public void on(OpportunityOwnerReassigned event, TrackingToken token) {
        views.update(OPPORTUNITIES, event.opportunityId(), token, doc -> doc.put("ownerId", event.ownerId()));
    }

    @EventHandler
    public void on(OpportunityWon event, TrackingToken token) {
        views.update(OPPORTUNITIES, event.opportunityId(), token, doc -> doc.append("open", false).append("stage", "WON"));
    }

    @EventHandler
    public void on(OpportunityLost event, TrackingToken token) {
        views.update(OPPORTUNITIES, event.opportunityId(), token, doc -> doc.append("open", false).append("stage", "LOST"));
    }

    @EventHandler
    public void on(OpportunityReopened event, TrackingToken token) {
        views.update(OPPORTUNITIES, event.opportunityId(), token, doc -> doc.append("open", true).append("stage", event.stage().name()));
    }

    private void lifecycle(String customerId, TrackingToken token, LifecycleStage stage) {
        views.update(CUSTOMERS, customerId, token, doc -> doc.put("lifecycle", stage.name()));
    }
}
