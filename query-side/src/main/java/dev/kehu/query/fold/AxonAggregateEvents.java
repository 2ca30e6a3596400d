package dev.kehu.query.fold;

import dev.kehu.events.MetadataKeys;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@link AggregateEvents} through Axon's {@code EventStore} API, for stores whose aggregate events carry their
 * tracking token (Axon's in-memory store does). An event without a position cannot be placed in the log's order:
 * that store needs its own reader.
 */
public class AxonAggregateEvents implements AggregateEvents {

    private final Supplier<EventStore> eventStore;

    public AxonAggregateEvents(Supplier<EventStore> eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public void read(String aggregateId, long fromSeq, Predicate<FoldEvent> consumer) {
        DomainEventStream stream = eventStore.get().readEvents(aggregateId, fromSeq);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (!(message instanceof TrackedEventMessage<?> tracked) || tracked.trackingToken().position().isEmpty()) {
                throw new IllegalStateException("the event store gives no positions for aggregate events; "
                        + "provide an AggregateEvents bean that reads them");
            }
            Object actor = message.getMetaData().get(MetadataKeys.ACTOR);
            FoldEvent event = new FoldEvent(tracked.trackingToken().position().getAsLong(), aggregateId,
                    message.getSequenceNumber(), message.getTimestamp(), actor == null ? null : actor.toString(),
                    message.getPayload());
            if (!consumer.test(event)) {
                return;
            }
        }
    }

    @Override
    public long headPosition() {
        TrackingToken head = eventStore.get().createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }
}
