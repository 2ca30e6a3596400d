package dev.kehu.query.customer360;

import dev.kehu.events.MetadataKeys;
import dev.kehu.events.customer.PersonalDataErased;
import dev.kehu.events.opportunity.OpportunityOpened;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Customer 360 (客户360), the live view: runs {@link Customer360Fold} over the documents each event touches. One
 * document per customer ({@code customer_360}); opportunity events reach their customer through
 * {@code customer_360_opportunities} ({@code _id} = opportunity id), which also keeps each opportunity's summary.
 * {@code customer_360_links} lists each customer's opportunities with the position that opened them: an as-of
 * finds there which opportunities' events belong in the customer's view.
 * <p>
 * The runner does the storage around the fold and nothing else: it reads the touched documents through the
 * {@link ViewWriter} (prefetched per batch, written back once at the batch's end by the batch interceptor), decodes
 * them, folds the event and writes what changed. A failing fold changes nothing (the poison event is skipped).
 */
@Component
@ProcessingGroup(ProjectionGroups.CUSTOMER_360)
public class Customer360Projection {

    public static final String COLLECTION = "customer_360";
    public static final String OPPORTUNITIES = "customer_360_opportunities";
    public static final String LINKS = "customer_360_links";

    private final ViewWriter views;

    public Customer360Projection(ViewWriter views) {
        this.views = views;
    }

    @ResetHandler
    public void reset() {
        views.database().getCollection(COLLECTION).drop();
        views.database().getCollection(OPPORTUNITIES).drop();
        views.database().getCollection(LINKS).drop();
    }

    @EventHandler
    public void on(Object payload, EventMessage<?> message, TrackingToken token) {
        if (!Customer360Fold.handles(payload)) {
            return;
        }
        FoldEvent event = new FoldEvent(ViewWriter.position(token),
                message instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null,
                message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : -1,
                message.getTimestamp(), actor(message), payload);
        if (Customer360Fold.isCustomerEvent(payload)) {
            String customerId = Customer360Fold.customerId(payload);
            Customer360State before = new Customer360State(view(customerId), Map.of());
            Customer360State after = Customer360Fold.apply(before, event);
            writeView(before, after, token);
            if (payload instanceof PersonalDataErased erased && after.view() != null
                    && after.view().absorbedDuplicates() != null) { // the duplicates merged in held the contact too
                for (String duplicate : after.view().absorbedDuplicates()) {
                    Customer360View view = view(duplicate);
                    writeView(new Customer360State(view, Map.of()), new Customer360State(
                            Customer360Fold.erasedInDuplicate(view, erased, event.position()), Map.of()), token);
                }
            }
            return;
        }
        String opportunityId = Customer360OpportunityFold.opportunityId(payload);
        Customer360Opportunity opportunity = views.decoded(OPPORTUNITIES, opportunityId, Customer360Documents.OPPORTUNITY);
        String customerId = opportunity != null ? opportunity.customerId()
                : payload instanceof OpportunityOpened opened ? opened.customerId() : null;
        Customer360State before = new Customer360State(view(customerId),
                opportunity == null ? Map.of() : Map.of(opportunityId, opportunity));
        Customer360State after = Customer360Fold.apply(before, event);
        Customer360Opportunity changed = after.opportunities().get(opportunityId);
        if (changed != null && changed != opportunity) {
            views.replace(OPPORTUNITIES, opportunityId, token, changed, Customer360Documents.OPPORTUNITY);
        }
        if (changed != null && payload instanceof OpportunityOpened) {
            link(changed, token, message.getTimestamp()); // also on a retried batch whose opportunity document was written but not its link
        }
        writeView(before, after, token);
    }

    private Customer360View view(String customerId) {
        return views.decoded(COLLECTION, customerId, Customer360Documents.VIEW);
    }

    private void writeView(Customer360State before, Customer360State after, TrackingToken token) {
        Customer360View view = after.view();
        if (view != null && view != before.view()) {
            views.replace(COLLECTION, view.customerId(), token, view, Customer360Documents.VIEW);
        }
    }

    /** Notes the opportunity under its customer, with the position and time that opened it (read by as-of). */
    private void link(Customer360Opportunity opportunity, TrackingToken token, java.time.Instant openedTime) {
        long position = ViewWriter.position(token);
        views.upsert(LINKS, opportunity.customerId(), token, doc -> {
            List<Document> opportunities = new ArrayList<>(doc.getList("opportunities", Document.class, List.of()));
            opportunities.removeIf(link -> opportunity.opportunityId().equals(link.getString("opportunityId")));
            opportunities.add(new Document("opportunityId", opportunity.opportunityId()).append("openedAt", position)
                    .append("openedTime", dev.kehu.query.projection.Docs.instant(openedTime)));
            doc.put("opportunities", opportunities);
        });
    }

    private static String actor(EventMessage<?> message) {
        Object actor = message.getMetaData().get(MetadataKeys.ACTOR);
        return actor == null ? null : actor.toString();
    }
}
