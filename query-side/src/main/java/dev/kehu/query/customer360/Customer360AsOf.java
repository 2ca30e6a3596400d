package dev.kehu.query.customer360;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.kehu.query.customer360.Customer360Snapshots.Snapshot;
import dev.kehu.query.fold.AggregateEvents;
import dev.kehu.query.fold.AsOf;
import dev.kehu.query.fold.FoldEvent;
import dev.kehu.query.fold.NotYetExisting;
import dev.kehu.query.web.ViewNotFound;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The customer 360 view as it was at a past moment: {@link Customer360Fold} (the live view's own code) over the
 * customer's events and those of its opportunities up to that moment. Which opportunities belong to the customer
 * comes from {@code customer_360_links}, written by the live projection, so the moment must not lie beyond the
 * customer-360 processor's position (the controller waits for it, as for {@code minPosition}). A merge needs nothing
 * more: the duplicate's {@code CustomerMerged} and the survivor's {@code DuplicateCustomerAbsorbed} are the customers'
 * own events and carry what the view shows.
 * <p>
 * The fold starts from the latest {@link Customer360Snapshots snapshot} the moment includes and writes new ones
 * after every {@link #SNAPSHOT_EVERY}th customer event it folds, so each as-of reads at most that many of the
 * customer's events (and its opportunities' events since the snapshot).
 */
public class Customer360AsOf {

    public static final int SNAPSHOT_EVERY = 100;

    private final MongoDatabase database;
    private final AggregateEvents events;
    private final Customer360Snapshots snapshots;
    private final int snapshotEvery;

    public Customer360AsOf(MongoDatabase database, AggregateEvents events) {
        this(database, events, SNAPSHOT_EVERY);
    }

    /** With a snapshot after every {@code snapshotEvery}th event of the customer (tests use small numbers). */
    public Customer360AsOf(MongoDatabase database, AggregateEvents events, int snapshotEvery) {
        this.database = database;
        this.events = events;
        this.snapshots = new Customer360Snapshots(database);
        this.snapshotEvery = snapshotEvery;
    }

    public AggregateEvents events() {
        return events;
    }

    /** Receives each folded event with the state before and after it. */
    public interface Steps {
        void step(FoldEvent event, Customer360State before, Customer360State after);
    }

    /**
     * The customer's view at the bound.
     *
     * @throws ViewNotFound   when no such customer exists
     * @throws NotYetExisting when it was registered after the bound
     */
    public Customer360View view(String customerId, AsOf.Bound bound) {
        return fold(customerId, bound, bound, (event, before, after) -> { });
    }

    /**
     * Folds the customer to {@code to}, handing every event after {@code from} (which {@code to} must include) to
     * {@code steps}; returns the view at {@code to}.
     */
    public Customer360View fold(String customerId, AsOf.Bound from, AsOf.Bound to, Steps steps) {
        FoldEvent first = first(customerId);
        if (first == null || !Customer360Fold.isCustomerEvent(first.payload())) {
            throw new ViewNotFound("customer", customerId);
        }
        if (!to.includes(first)) {
            throw new NotYetExisting("customer", customerId, to, first);
        }
        Optional<Snapshot> snapshot = snapshots.best(customerId, from);
        Customer360State state = snapshot.map(Snapshot::state).orElse(Customer360State.EMPTY);
        Map<String, Long> cursors = new LinkedHashMap<>(snapshot.map(Snapshot::cursors).orElse(Map.of()));
        Instant maxTimestamp = snapshot.map(Snapshot::maxTimestamp).orElse(Instant.MIN);

        List<FoldEvent> pending = new ArrayList<>();
        long firstExcluded = Long.MAX_VALUE;
        Set<String> aggregates = aggregates(customerId, to);
        if (snapshot.isPresent()) {
            aggregates.removeAll(unchangedSince(snapshot.get(), aggregates, customerId));
        }
        for (String aggregateId : aggregates) {
            long[] stop = {Long.MAX_VALUE};
            events.read(aggregateId, cursors.getOrDefault(aggregateId, 0L), event -> {
                if (!to.includes(event)) {
                    stop[0] = event.position();
                    return false;
                }
                pending.add(event);
                return true;
            });
            firstExcluded = Math.min(firstExcluded, stop[0]);
        }
        pending.sort(Comparator.comparingLong(FoldEvent::position));

        List<Snapshot> taken = new ArrayList<>();
        for (FoldEvent event : pending) {
            Customer360State next = applySkippingPoison(state, event);
            cursors.put(event.aggregateId(), event.seq() + 1);
            if (event.timestamp().isAfter(maxTimestamp)) {
                maxTimestamp = event.timestamp();
            }
            if (!from.includes(event)) {
                steps.step(event, state, next);
            }
            state = next;
            // a snapshot only where every event up to its position has been folded (none was left out by the bound)
            if (customerId.equals(event.aggregateId()) && (event.seq() + 1) % snapshotEvery == 0
                    && event.position() < firstExcluded && snapshot.map(s -> s.position() < event.position()).orElse(true)) {
                taken.add(new Snapshot(event.position(), maxTimestamp, state, Map.copyOf(cursors)));
            }
        }
        snapshots.save(customerId, taken);
        if (state.view() == null) {
            throw new ViewNotFound("customer", customerId);
        }
        return state.view();
    }

    /**
     * The snapshot's opportunities that no event the fold handles has changed since it: their live
     * {@code customer_360_opportunities} document was last changed at or before the snapshot's position. (The live
     * documents are at least as far as the moment: the controller waits for the projection.) An as-of then reads
     * only the opportunities still moving, not all the customer has ever had.
     */
    private Set<String> unchangedSince(Snapshot snapshot, Set<String> aggregates, String customerId) {
        List<String> known = aggregates.stream()
                .filter(id -> !id.equals(customerId) && snapshot.cursors().containsKey(id)).toList();
        Set<String> unchanged = new LinkedHashSet<>();
        if (known.isEmpty()) {
            return unchanged;
        }
        for (Document opportunity : database.getCollection(Customer360Projection.OPPORTUNITIES).find(Filters.in("_id", known))
                .projection(new Document(dev.kehu.query.projection.ViewWriter.APPLIED_POSITION, 1))) {
            if (opportunity.get(dev.kehu.query.projection.ViewWriter.APPLIED_POSITION) instanceof Number applied
                    && applied.longValue() <= snapshot.position()) {
                unchanged.add(String.valueOf(opportunity.get("_id")));
            }
        }
        return unchanged;
    }

    /**
     * The fold, skipping an event that fails because of its own content, as the live projection's
     * dead-letter queue parked it: the as-of then shows what the live view showed.
     */
    static Customer360State applySkippingPoison(Customer360State state, FoldEvent event) {
        try {
            return Customer360Fold.apply(state, event);
        } catch (RuntimeException e) {
            if (dev.kehu.query.projection.ProjectionFailures.isInfrastructure(e)) {
                throw e;
            }
            return state;
        }
    }

    private FoldEvent first(String aggregateId) {
        FoldEvent[] first = {null};
        events.read(aggregateId, 0, event -> {
            first[0] = event;
            return false;
        });
        return first[0];
    }

    /** The customer and every opportunity of it opened within the bound. */
    private Set<String> aggregates(String customerId, AsOf.Bound bound) {
        Set<String> aggregates = new LinkedHashSet<>();
        aggregates.add(customerId);
        Document links = database.getCollection(Customer360Projection.LINKS).find(Filters.eq("_id", customerId)).first();
        if (links != null) {
            for (Document link : links.getList("opportunities", Document.class, List.of())) {
                Object openedTime = link.get("openedTime");
                if (link.get("openedAt") instanceof Number openedAt && openedAt.longValue() <= bound.maxPosition()
                        && !(openedTime instanceof java.util.Date time && time.toInstant().isAfter(bound.maxTime()))) {
                    aggregates.add(link.getString("opportunityId"));
                }
            }
        }
        return aggregates;
    }
}
