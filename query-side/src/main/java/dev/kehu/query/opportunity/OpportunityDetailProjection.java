package dev.kehu.query.opportunity;

import dev.kehu.events.MetadataKeys;
import dev.kehu.query.fold.FoldEvent;
import dev.kehu.query.projection.ProjectionGroups;
import dev.kehu.query.projection.ViewWriter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The opportunity detail view, live: {@link OpportunityFold} over the {@code opportunity_detail} document of each
 * opportunity event. It runs in the customer-360 processing group (one processor, one token: the customer's view and
 * its opportunities' details move together).
 */
@Component
@ProcessingGroup(ProjectionGroups.CUSTOMER_360)
public class OpportunityDetailProjection {

    public static final String COLLECTION = "opportunity_detail";

    private final ViewWriter views;

    public OpportunityDetailProjection(ViewWriter views) {
        this.views = views;
    }

    @ResetHandler
    public void reset() {
        views.database().getCollection(COLLECTION).drop();
    }

    @EventHandler
    public void on(Object payload, EventMessage<?> message, TrackingToken token) {
        if (!OpportunityFold.handles(payload) || !(message instanceof DomainEventMessage<?> domain)) {
            return;
        }
        String opportunityId = domain.getAggregateIdentifier();
        Object actor = message.getMetaData().get(MetadataKeys.ACTOR);
        FoldEvent event = new FoldEvent(ViewWriter.position(token), opportunityId, domain.getSequenceNumber(),
                message.getTimestamp(), actor == null ? null : actor.toString(), payload);
        OpportunityView before = OpportunityDocuments.decode(views.find(COLLECTION, opportunityId).orElse(null));
        OpportunityView after = OpportunityFold.apply(before, event);
        if (after != null && after != before) {
            views.upsert(COLLECTION, opportunityId, token, doc -> {
                Document encoded = OpportunityDocuments.encode(after);
                doc.keySet().retainAll(encoded.keySet());
                doc.putAll(encoded);
            });
        }
    }
}
