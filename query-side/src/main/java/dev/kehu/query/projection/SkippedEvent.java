package dev.kehu.query.projection;

import dev.kehu.events.registry.EventTypes;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;

import java.time.Instant;

/**
 * An event a processing group could not apply because of its own content, skipped so the group goes
 * on. {@code position} is the event's global position (null outside a streaming processor),
 * {@code document} the view document or index entry that could not be written when the failure
 * came at write time (else null).
 */
public record SkippedEvent(String processingGroup, String eventType, Long position, String aggregateId,
                           String eventId, String document, String cause, Instant at) {

    /** A skip of {@code event} in {@code processingGroup} because of {@code failure}. */
    public static SkippedEvent of(String processingGroup, EventMessage<?> event, String document, Throwable failure, Instant at) {
        return of(processingGroup, Origin.of(event), document, ProjectionFailures.describe(failure), at);
    }

    public static SkippedEvent of(String processingGroup, Origin origin, String document, String cause, Instant at) {
        return new SkippedEvent(processingGroup, origin.eventType(), origin.position(), origin.aggregateId(),
                origin.eventId(), document, cause, at);
    }

    /** Where a change came from: the event's type, position, aggregate and id. */
    public record Origin(String eventType, Long position, String aggregateId, String eventId) {

        public static final Origin UNKNOWN = new Origin(null, null, null, null);

        public static Origin of(EventMessage<?> event) {
            if (event == null) {
                return UNKNOWN;
            }
            String type = storedType(event);
            Long position = event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                    && tracked.trackingToken().position().isPresent() ? tracked.trackingToken().position().getAsLong() : null;
            String aggregateId = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
            return new Origin(type, position, aggregateId, event.getIdentifier());
        }

        /**
         * The name the event is stored under (its class name if it is no registered event), known without
         * deserializing the payload, which may be what failed; null if even its type cannot be resolved.
         */
        private static String storedType(EventMessage<?> event) {
            try {
                Class<?> type = event.getPayloadType();
                return type == null ? null : EventTypes.ALL.nameOf(type).orElse(type.getName());
            } catch (RuntimeException unknownType) {
                return null;
            }
        }
    }
}
