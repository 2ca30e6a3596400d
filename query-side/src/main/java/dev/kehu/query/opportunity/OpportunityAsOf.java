package dev.kehu.query.opportunity;

import dev.kehu.query.fold.AggregateEvents;
import dev.kehu.query.fold.AsOf;
import dev.kehu.query.fold.FoldEvent;
import dev.kehu.query.fold.NotYetExisting;
import dev.kehu.query.projection.ProjectionFailures;
import dev.kehu.query.web.ViewNotFound;

/**
 * The opportunity detail view as it was at a past moment: {@link OpportunityFold} over the opportunity's own events
 * up to then (the view holds nothing from other aggregates). An opportunity has tens of events, not thousands, so it
 * is folded from its first event without snapshots.
 */
public class OpportunityAsOf {

    private final AggregateEvents events;

    public OpportunityAsOf(AggregateEvents events) {
        this.events = events;
    }

    public AggregateEvents events() {
        return events;
    }

    /**
     * @throws ViewNotFound   when no such opportunity exists
     * @throws NotYetExisting when it was opened after the bound
     */
    public OpportunityView view(String opportunityId, AsOf.Bound bound) {
        OpportunityView[] view = {null};
        FoldEvent[] first = {null};
        events.read(opportunityId, 0, event -> {
            if (first[0] == null) {
                first[0] = event;
            }
            if (!bound.includes(event)) {
                return false;
            }
            try {
                view[0] = OpportunityFold.apply(view[0], event);
            } catch (RuntimeException e) {
                if (ProjectionFailures.isInfrastructure(e)) {
                    throw e;
                }
                // skipped, as the live projection parked it (dead letters)
            }
            return true;
        });
        if (first[0] == null || !(first[0].payload() instanceof dev.kehu.events.opportunity.OpportunityOpened)) {
            throw new ViewNotFound("opportunity", opportunityId);
        }
        if (!bound.includes(first[0]) || view[0] == null) {
            throw new NotYetExisting("opportunity", opportunityId, bound, first[0]);
        }
        return view[0];
    }
}
