package dev.kehu.query.opportunity;

import dev.kehu.events.opportunity.BidPreparationCompleted;
import dev.kehu.events.opportunity.BidResultRecorded;
import dev.kehu.events.opportunity.BidSubmitted;
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
import dev.kehu.query.customer360.Customer360View.Amount;
import dev.kehu.query.fold.FoldEvent;
import dev.kehu.query.opportunity.OpportunityView.AmountChange;
import dev.kehu.query.opportunity.OpportunityView.Bid;
import dev.kehu.query.opportunity.OpportunityView.CloseDateChange;
import dev.kehu.query.opportunity.OpportunityView.StageStep;
import dev.kehu.query.projection.Docs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * The opportunity detail view, written once: (view, event) → next view, no I/O. The live projection
 * ({@link OpportunityDetailProjection}) and the as-of ({@link OpportunityAsOf}) both run it. An event at or below
 * the view's {@code appliedPosition} changes nothing.
 */
public final class OpportunityFold {

    /** Raise it whenever the result of any event changes. */
    public static final int REVISION = 2;

    private static final Set<Class<?>> EVENTS = Set.of(OpportunityOpened.class, OpportunityStageChanged.class,
            OpportunityAmountChanged.class, OpportunityCloseDateChanged.class, OpportunityOwnerReassigned.class,
            OpportunityPriorityChanged.class, OpportunityProbabilityOverridden.class, OpportunityWon.class,
            OpportunityLost.class, OpportunityReopened.class, BidPreparationCompleted.class, BidSubmitted.class,
            BidResultRecorded.class);

    private OpportunityFold() {
    }

    public static boolean handles(Object payload) {
        return payload != null && EVENTS.contains(payload.getClass());
    }

    /** The next view; {@code view} itself when the event changes nothing (or the opportunity is not opened yet). */
    public static OpportunityView apply(OpportunityView view, FoldEvent event) {
        Object payload = event.payload();
        if (!handles(payload) || view != null && event.position() <= view.appliedPosition()) {
            return view;
        }
        if (payload instanceof OpportunityOpened e) {
            Stage stage = e.stage();
            return new OpportunityView(e.opportunityId(), event.position(), e.customerId(), e.title(), Amount.of(e.amount()),
                    e.source(), e.ownerId(), Docs.name(e.priority()), stage.name(), stage.chineseName(), e.probability(),
                    Docs.date(e.expectedCloseDate()), "OPEN", instant(event.timestamp()), event.actor(), null, null, null, 0,
                    List.of(step(stage.name(), stage.chineseName(), e.probability(), event, null, false, false)), null,
                    List.of(), List.of(), instant(event.timestamp()));
        }
        if (view == null) {
            return null;
        }
        Draft d = new Draft(view, event.position());
        d.lastChangedAt = instant(event.timestamp());
        if (payload instanceof OpportunityStageChanged e) {
            d.stage(e.to(), e.probability(), event, e.reason(), e.skipped(), e.backwards());
        } else if (payload instanceof OpportunityAmountChanged e) {
            d.amountChanged(e.previousAmount() == null ? d.amount : Amount.of(e.previousAmount()), Amount.of(e.amount()), event);
        } else if (payload instanceof OpportunityCloseDateChanged e) {
            String from = e.previousCloseDate() == null ? d.expectedCloseDate : Docs.date(e.previousCloseDate());
            d.expectedCloseDate = Docs.date(e.expectedCloseDate());
            d.closeDateChanges.add(new CloseDateChange(from, d.expectedCloseDate, instant(event.timestamp()), event.actor()));
        } else if (payload instanceof OpportunityOwnerReassigned e) {
            d.ownerId = e.ownerId();
        } else if (payload instanceof OpportunityPriorityChanged e) {
            d.priority = Docs.name(e.priority());
        } else if (payload instanceof OpportunityProbabilityOverridden e) {
            d.probability = e.probability();
        } else if (payload instanceof OpportunityWon e) {
            d.close("WON", "赢单", 100, event, null);
            Amount won = Amount.of(e.amount());
            if (!java.util.Objects.equals(won, d.amount)) {
                d.amountChanged(d.amount, won, event);
            }
        } else if (payload instanceof OpportunityLost e) {
            d.close("LOST", "输单", 0, event, e.reason());
            d.lostReason = e.reason();
            d.competitor = e.competitor();
        } else if (payload instanceof OpportunityReopened e) {
            d.stage(e.stage(), e.probability(), event, e.reason(), false, true);
            d.status = "OPEN";
            d.closedAt = null;
            d.lostReason = null;
            d.competitor = null;
            d.reopened++;
        } else if (payload instanceof BidPreparationCompleted e) {
            d.bid = new Bid(e.checklist() == null ? List.of() : List.copyOf(e.checklist()), instant(event.timestamp()),
                    null, null, null, null, null);
        } else if (payload instanceof BidSubmitted e) {
            Bid bid = d.bid == null ? new Bid(List.of(), null, null, null, null, null, null) : d.bid;
            d.bid = new Bid(bid.checklist(), bid.preparedAt(), Amount.of(e.bidAmount()), Docs.date(e.deadline()),
                    instant(event.timestamp()), bid.outcome(), bid.notes());
        } else if (payload instanceof BidResultRecorded e) {
            Bid bid = d.bid == null ? new Bid(List.of(), null, null, null, null, null, null) : d.bid;
            d.bid = new Bid(bid.checklist(), bid.preparedAt(), bid.amount(), bid.deadline(), bid.submittedAt(),
                    Docs.name(e.outcome()), e.notes());
        }
        return d.view();
    }

    private static StageStep step(String stage, String name, int probability, FoldEvent event, String reason,
                                  boolean skipped, boolean backwards) {
        return new StageStep(stage, name, probability, instant(event.timestamp()), event.actor(), reason, skipped, backwards);
    }

    static Instant instant(Instant instant) {
        Date date = Docs.instant(instant);
        return date == null ? null : date.toInstant();
    }

    /** A mutable copy within one step (records have no withers). */
    private static final class Draft {
        private final OpportunityView v;
        private final long position;
        Amount amount;
        String ownerId;
        String priority;
        String stage;
        String stageName;
        int probability;
        String expectedCloseDate;
        String status;
        Instant closedAt;
        String lostReason;
        String competitor;
        int reopened;
        final List<StageStep> stageHistory;
        Bid bid;
        final List<AmountChange> amountChanges;
        final List<CloseDateChange> closeDateChanges;
        Instant lastChangedAt;

        Draft(OpportunityView v, long position) {
            this.v = v;
            this.position = position;
            amount = v.amount();
            ownerId = v.ownerId();
            priority = v.priority();
            stage = v.stage();
            stageName = v.stageName();
            probability = v.probability();
            expectedCloseDate = v.expectedCloseDate();
            status = v.status();
            closedAt = v.closedAt();
            lostReason = v.lostReason();
            competitor = v.competitor();
            reopened = v.reopened();
            stageHistory = new ArrayList<>(v.stageHistory());
            bid = v.bid();
            amountChanges = new ArrayList<>(v.amountChanges());
            closeDateChanges = new ArrayList<>(v.closeDateChanges());
        }

        void amountChanged(Amount from, Amount to, FoldEvent event) {
            amount = to;
            amountChanges.add(new AmountChange(from, to, instant(event.timestamp()), event.actor()));
        }

        void stage(Stage to, int probability, FoldEvent event, String reason, boolean skipped, boolean backwards) {
            stage = to.name();
            stageName = to.chineseName();
            this.probability = probability;
            stageHistory.add(step(stage, stageName, probability, event, reason, skipped, backwards));
        }

        void close(String outcome, String name, int probability, FoldEvent event, String reason) {
            stage = outcome;
            stageName = name;
            this.probability = probability;
            status = outcome;
            closedAt = instant(event.timestamp());
            stageHistory.add(step(outcome, name, probability, event, reason, false, false));
        }

        OpportunityView view() {
            return new OpportunityView(v.opportunityId(), position, v.customerId(), v.title(), amount, v.source(), ownerId,
                    priority, stage, stageName, probability, expectedCloseDate, status, v.openedAt(), v.openedBy(), closedAt,
                    lostReason, competitor, reopened, List.copyOf(stageHistory), bid, List.copyOf(amountChanges),
                    List.copyOf(closeDateChanges), lastChangedAt);
        }
    }
}
