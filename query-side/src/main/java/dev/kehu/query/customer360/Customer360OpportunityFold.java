package dev.kehu.query.customer360;

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
import dev.kehu.query.customer360.Customer360View.Amount;
import dev.kehu.query.customer360.Customer360View.ClosedOpportunity;
import dev.kehu.query.customer360.Customer360View.OpportunitySummary;
import dev.kehu.query.fold.FoldEvent;
import dev.kehu.query.projection.Docs;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The part of {@link Customer360Fold} for opportunity events: they change the opportunity's summary, which is then
 * copied into (or, once closed, out of) its customer's open opportunities.
 */
final class Customer360OpportunityFold {

    private static final Set<Class<?>> EVENTS = Set.of(OpportunityOpened.class, OpportunityStageChanged.class,
            OpportunityAmountChanged.class, OpportunityCloseDateChanged.class, OpportunityOwnerReassigned.class,
            OpportunityPriorityChanged.class, OpportunityProbabilityOverridden.class, OpportunityWon.class,
            OpportunityLost.class, OpportunityReopened.class);

    /** How many won and lost deals the view shows, latest first. */
    static final int RECENTLY_CLOSED = 10;

    private Customer360OpportunityFold() {
    }

    static boolean handles(Object payload) {
        return payload != null && EVENTS.contains(payload.getClass());
    }

    /** The opportunity an opportunity event belongs to. */
    static String opportunityId(Object payload) {
        if (payload instanceof OpportunityOpened e) {
            return e.opportunityId();
        } else if (payload instanceof OpportunityStageChanged e) {
            return e.opportunityId();
        } else if (payload instanceof OpportunityAmountChanged e) {
            return e.opportunityId();
        } else if (payload instanceof OpportunityCloseDateChanged e) {
            return e.opportunityId();
        } else if (payload instanceof OpportunityOwnerReassigned e) {
            return e.opportunityId();
        } else if (payload instanceof OpportunityPriorityChanged e) {
            return e.opportunityId();
        } else if (payload instanceof OpportunityProbabilityOverridden e) {
            return e.opportunityId();
        } else if (payload instanceof OpportunityWon e) {
            return e.opportunityId();
        } else if (payload instanceof OpportunityLost e) {
            return e.opportunityId();
        } else if (payload instanceof OpportunityReopened e) {
            return e.opportunityId();
        }
        throw new IllegalArgumentException("not an opportunity event: " + payload);
    }

    static Customer360State apply(Customer360State state, FoldEvent event) {
        String opportunityId = opportunityId(event.payload());
        if (opportunityId == null) {
            return state;
        }
        Customer360Opportunity opportunity = state.opportunities().get(opportunityId);
        Customer360Opportunity changed = opportunity;
        if (opportunity == null ? event.payload() instanceof OpportunityOpened : event.position() > opportunity.appliedPosition()) {
            changed = change(opportunity, event);
        }
        if (changed == null) {
            return state;
        }
        Map<String, Customer360Opportunity> opportunities = state.opportunities();
        if (changed != opportunity) {
            opportunities = new LinkedHashMap<>(opportunities);
            opportunities.put(opportunityId, changed);
        }
        return new Customer360State(reflect(state.view(), changed, event), opportunities);
    }

    private static Customer360Opportunity change(Customer360Opportunity o, FoldEvent event) {
        long p = event.position();
        Object payload = event.payload();
        if (payload instanceof OpportunityOpened e) {
            return new Customer360Opportunity(e.opportunityId(), p, e.customerId(), e.title(), Amount.of(e.amount()),
                    e.stage().name(), e.probability(), Docs.date(e.expectedCloseDate()), e.ownerId(), Docs.name(e.priority()), true);
        } else if (payload instanceof OpportunityStageChanged e) {
            return with(o, p, o.amount(), e.to().name(), e.probability(), o.expectedCloseDate(), o.ownerId(), o.priority(), o.open());
        } else if (payload instanceof OpportunityAmountChanged e) {
            return with(o, p, Amount.of(e.amount()), o.stage(), o.probability(), o.expectedCloseDate(), o.ownerId(), o.priority(), o.open());
        } else if (payload instanceof OpportunityCloseDateChanged e) {
            return with(o, p, o.amount(), o.stage(), o.probability(), Docs.date(e.expectedCloseDate()), o.ownerId(), o.priority(), o.open());
        } else if (payload instanceof OpportunityOwnerReassigned e) {
            return with(o, p, o.amount(), o.stage(), o.probability(), o.expectedCloseDate(), e.ownerId(), o.priority(), o.open());
        } else if (payload instanceof OpportunityPriorityChanged e) {
            return with(o, p, o.amount(), o.stage(), o.probability(), o.expectedCloseDate(), o.ownerId(), Docs.name(e.priority()), o.open());
        } else if (payload instanceof OpportunityProbabilityOverridden e) {
            return with(o, p, o.amount(), o.stage(), e.probability(), o.expectedCloseDate(), o.ownerId(), o.priority(), o.open());
        } else if (payload instanceof OpportunityWon e) {
            return with(o, p, Amount.of(e.amount()), "WON", 100, o.expectedCloseDate(), o.ownerId(), o.priority(), false);
        } else if (payload instanceof OpportunityLost) {
            return with(o, p, o.amount(), "LOST", 0, o.expectedCloseDate(), o.ownerId(), o.priority(), false);
        } else if (payload instanceof OpportunityReopened e) {
            return with(o, p, o.amount(), e.stage().name(), e.probability(), o.expectedCloseDate(), o.ownerId(), o.priority(), true);
        }
        throw new IllegalArgumentException("not an opportunity event: " + payload);
    }

    private static Customer360Opportunity with(Customer360Opportunity o, long position, Amount amount, String stage,
                                               Integer probability, String expectedCloseDate, String ownerId,
                                               String priority, boolean open) {
        return new Customer360Opportunity(o.opportunityId(), position, o.customerId(), o.title(), amount, stage, probability,
                expectedCloseDate, ownerId, priority, open);
    }

    /** Copies the opportunity's summary into (or out of) its customer's open opportunities. */
    private static Customer360View reflect(Customer360View view, Customer360Opportunity o, FoldEvent event) {
        long position = event.position();
        if (view == null || !Objects.equals(view.customerId(), o.customerId()) || position <= view.appliedPosition()) {
            return view;
        }
        Customer360Draft d = new Customer360Draft(view);
        if (o.open()) {
            Customer360Fold.putBy(d.openOpportunities, OpportunitySummary::opportunityId, o.opportunityId(),
                    new OpportunitySummary(o.opportunityId(), o.title(), o.amount(), o.stage(), o.probability(),
                            o.expectedCloseDate(), o.ownerId(), o.priority()));
            d.openOpportunities.sort(Comparator.comparing((OpportunitySummary s) -> String.valueOf(s.expectedCloseDate()))
                    .thenComparing(OpportunitySummary::opportunityId));
            d.recentlyClosedOpportunities.removeIf(c -> Objects.equals(c.opportunityId(), o.opportunityId()));
        } else {
            d.openOpportunities.removeIf(s -> Objects.equals(s.opportunityId(), o.opportunityId()));
            if (event.payload() instanceof OpportunityWon || event.payload() instanceof OpportunityLost) {
                d.recentlyClosedOpportunities.removeIf(c -> Objects.equals(c.opportunityId(), o.opportunityId()));
                d.recentlyClosedOpportunities.add(0, new ClosedOpportunity(o.opportunityId(), o.title(), o.amount(), o.stage(),
                        Customer360View.storable(event.timestamp()), o.ownerId()));
                while (d.recentlyClosedOpportunities.size() > RECENTLY_CLOSED) {
                    d.recentlyClosedOpportunities.remove(d.recentlyClosedOpportunities.size() - 1);
                }
            }
        }
        d.appliedPosition = position;
        return d.view();
    }
}
