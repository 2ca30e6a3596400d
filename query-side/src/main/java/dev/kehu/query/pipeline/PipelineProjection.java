package dev.kehu.query.pipeline;

import dev.kehu.events.customer.PersonalDataErased;
import dev.kehu.events.customer.CustomerProfileChanged;
import dev.kehu.events.customer.CustomerRegistered;
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
import dev.kehu.events.opportunity.Stage;
import dev.kehu.query.projection.Docs;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ReportContext;
import dev.kehu.query.projection.ViewWriter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

/**
 * Pipeline: one document per opportunity ({@code pipeline_opportunities}) with its stage history
 * (entered/left instants), the stages it reached, close-date slips and amount changes, and its
 * customer's current region from {@code pipeline_customers} (which also lists each customer's
 * opportunityIds, so a region change is carried to them). Every change of a deal also changes the pipeline's
 * totals ({@link PipelineTotals}) by the difference it makes, so the report reads totals, not deals; the
 * opportunity list pages the deals by the keys of {@link OpportunityListKeys}.
 */
@Component
@ProcessingGroup(ProjectionGroups.PIPELINE)
public class PipelineProjection {

    public static final String OPPORTUNITIES = "pipeline_opportunities";
    public static final String CUSTOMERS = "pipeline_customers";

    private final ViewWriter views;
    private final ZoneId zone;

    /** With the default business zone (Asia/Shanghai). */
    public PipelineProjection(ViewWriter views) {
        this(views, ZoneId.of("Asia/Shanghai"));
    }

    /**
     * {@code zone}: the business days the totals count by (the reports' {@code kehu.query.zone}). Changing it needs a
     * rebuild of the group.
     */
    @Autowired
    public PipelineProjection(ViewWriter views, ReportContext report) {
        this(views, report.zone());
    }

    public PipelineProjection(ViewWriter views, ZoneId zone) {
        this.views = views;
        this.zone = zone;
    }

    @ResetHandler
    public void reset() {
        views.drop(OPPORTUNITIES, CUSTOMERS, PipelineTotals.COLLECTION, OpportunityListKeys.COLLECTION);
    }

    /**
     * Changes a deal (if it has not seen this event), adds the difference it makes to the totals to {@code totals} and
     * moves its list keys ({@link OpportunityListKeys}).
     */
    private void changeDeal(String id, TrackingToken token, Consumer<Document> change, PipelineTotalsChanges totals, boolean create) {
        Document before = views.find(OPPORTUNITIES, id).orElse(null);
        boolean changed = create ? views.upsert(OPPORTUNITIES, id, token, change) : views.update(OPPORTUNITIES, id, token, change);
        if (changed) {
            Document after = views.find(OPPORTUNITIES, id).orElse(null);
            totals.deal(before, after);
            OpportunityListKeys.write(views, token, before, after);
        }
    }

    /** Changes one deal and writes what that makes to the totals. */
    private void changeDeal(String id, TrackingToken token, Consumer<Document> change) {
        PipelineTotalsChanges totals = new PipelineTotalsChanges(zone);
        changeDeal(id, token, change, totals, false);
        totals.write(views, token);
    }

    @EventHandler
    public void on(CustomerRegistered event, TrackingToken token) {
        views.upsert(CUSTOMERS, event.customerId(), token, doc -> doc
                .append("name", event.profile().displayName()).append("region", event.profile().region()));
    }

    /** An individual erased (docs/privacy.md): the name reads {@code [erased]}, as a rebuild would read it. */
    @EventHandler
    public void on(PersonalDataErased event, TrackingToken token) {
        if (event.erasesCustomer()) {
            views.update(CUSTOMERS, event.customerId(), token, doc -> doc.put("name", PersonalDataErased.ERASED));
        }
    }

    /**
     * Reports count an opportunity in its customer's current region (as the Elasticsearch
     * reporting index does): a move to another office moves the customer's opportunities with it.
     */
    @EventHandler
    public void on(CustomerProfileChanged event, TrackingToken token) {
        String region = event.profile().region();
        views.update(CUSTOMERS, event.customerId(), token, doc -> doc
                .append("name", event.profile().displayName()).append("region", region));
        List<String> opportunityIds = views.find(CUSTOMERS, event.customerId())
                .map(c -> c.getList("opportunityIds", String.class, List.of())).orElse(List.of());
        PipelineTotalsChanges totals = new PipelineTotalsChanges(zone);
        for (String opportunityId : opportunityIds) {
            changeDeal(opportunityId, token, doc -> doc.put("region", region), totals, false);
        }
        totals.write(views, token);
    }

    @EventHandler
    public void on(OpportunityOpened event, TrackingToken token, @Timestamp Instant at) {
        String region = views.find(CUSTOMERS, event.customerId()).map(c -> c.getString("region")).orElse(null);
        views.upsert(CUSTOMERS, event.customerId(), token, doc -> {
            List<String> opportunityIds = Docs.strings(doc, "opportunityIds");
            if (!opportunityIds.contains(event.opportunityId())) {
                opportunityIds.add(event.opportunityId());
            }
        });
        PipelineTotalsChanges totals = new PipelineTotalsChanges(zone);
        changeDeal(event.opportunityId(), token, doc -> OpportunityListKeys.changed(doc
                .append("customerId", event.customerId())
                .append("region", region)
                .append("title", event.title())
                .append("ownerId", event.ownerId())
                .append("source", event.source())
                .append("priority", Docs.name(event.priority()))
                .append("currency", event.amount().currency())
                .append("amount", Docs.decimal(event.amount().amount()))
                .append("initialAmount", Docs.decimal(event.amount().amount()))
                .append("probability", event.probability())
                .append("stage", event.stage().name())
                .append("status", "OPEN")
                .append("openedAt", Docs.instant(at))
                .append("closedAt", null)
                .append("expectedCloseDate", Docs.date(event.expectedCloseDate()))
                .append("initialCloseDate", Docs.date(event.expectedCloseDate()))
                .append("stageHistory", List.of(new Document("stage", event.stage().name()).append("enteredAt", Docs.instant(at)).append("leftAt", null)))
                .append("reached", List.of(event.stage().name()))
                .append("slips", List.of())
                .append("amountChanges", List.of())
                .append("changedAt", Docs.instant(at)), at), totals, true);
        totals.write(views, token);
    }

    @EventHandler
    public void on(OpportunityStageChanged event, TrackingToken token, @Timestamp Instant at) {
        changeDeal(event.opportunityId(), token, doc -> {
            enterStage(doc, event.to(), at);
            doc.put("probability", event.probability());
            OpportunityListKeys.changed(doc, at);
        });
    }

    @EventHandler
    public void on(OpportunityAmountChanged event, TrackingToken token, @Timestamp Instant at) {
        changeDeal(event.opportunityId(), token, doc -> {
            // the previous amount is the view's own when the event lacks it
            Object from = event.previousAmount() == null ? doc.get("amount") : Docs.decimal(event.previousAmount().amount());
            doc.put("amount", Docs.decimal(event.amount().amount()));
            Docs.list(doc, "amountChanges").add(new Document("from", from)
                    .append("to", Docs.decimal(event.amount().amount())).append("at", Docs.instant(at)));
            OpportunityListKeys.changed(doc, at);
        });
    }

    @EventHandler
    public void on(OpportunityCloseDateChanged event, TrackingToken token, @Timestamp Instant at) {
        changeDeal(event.opportunityId(), token, doc -> {
            doc.put("expectedCloseDate", Docs.date(event.expectedCloseDate()));
            Docs.list(doc, "slips").add(new Document("from", Docs.date(event.previousCloseDate()))
                    .append("to", Docs.date(event.expectedCloseDate())).append("at", Docs.instant(at)));
            OpportunityListKeys.changed(doc, at);
        });
    }

    @EventHandler
    public void on(OpportunityOwnerReassigned event, TrackingToken token, @Timestamp Instant at) {
        changeDeal(event.opportunityId(), token, doc -> {
            doc.put("ownerId", event.ownerId());
            OpportunityListKeys.changed(doc, at);
        });
    }

    @EventHandler
    public void on(OpportunityPriorityChanged event, TrackingToken token, @Timestamp Instant at) {
        changeDeal(event.opportunityId(), token, doc -> {
            doc.put("priority", Docs.name(event.priority()));
            OpportunityListKeys.changed(doc, at);
        });
    }

    @EventHandler
    public void on(OpportunityProbabilityOverridden event, TrackingToken token, @Timestamp Instant at) {
        changeDeal(event.opportunityId(), token, doc -> {
            doc.put("probability", event.probability());
            OpportunityListKeys.changed(doc, at);
        });
    }

    @EventHandler
    public void on(OpportunityWon event, TrackingToken token, @Timestamp Instant at) {
        changeDeal(event.opportunityId(), token, doc -> {
            enterStage(doc, Stage.WON, at);
            doc.append("status", "WON").append("closedAt", Docs.instant(at)).append("probability", 100)
                    .append("amount", Docs.decimal(event.amount().amount()));
            OpportunityListKeys.changed(doc, at);
        });
    }

    @EventHandler
    public void on(OpportunityLost event, TrackingToken token, @Timestamp Instant at) {
        changeDeal(event.opportunityId(), token, doc -> {
            enterStage(doc, Stage.LOST, at);
            doc.append("status", "LOST").append("closedAt", Docs.instant(at)).append("probability", 0)
                    .append("lostFrom", Docs.name(event.fromStage())).append("lostReason", event.reason()).append("competitor", event.competitor());
            OpportunityListKeys.changed(doc, at);
        });
    }

    @EventHandler
    public void on(OpportunityReopened event, TrackingToken token, @Timestamp Instant at) {
        changeDeal(event.opportunityId(), token, doc -> {
            enterStage(doc, event.stage(), at);
            doc.append("status", "OPEN").append("closedAt", null).append("probability", event.probability());
            OpportunityListKeys.changed(doc, at);
        });
    }

    private static void enterStage(Document doc, Stage stage, Instant at) {
        Date when = Docs.instant(at);
        List<Document> history = Docs.list(doc, "stageHistory");
        if (!history.isEmpty()) {
            Document current = history.get(history.size() - 1);
            if (current.get("leftAt") == null) {
                current.put("leftAt", when);
            }
        }
        history.add(new Document("stage", stage.name()).append("enteredAt", when).append("leftAt", stage.isClosed() ? when : null));
        doc.put("stage", stage.name());
        if (stage != Stage.LOST) {
            List<String> reached = Docs.strings(doc, "reached");
            if (!reached.contains(stage.name())) {
                reached.add(stage.name());
            }
        }
    }
}
