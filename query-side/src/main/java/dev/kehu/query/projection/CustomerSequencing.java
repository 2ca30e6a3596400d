package dev.kehu.query.projection;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.function.Supplier;

/**
 * Splits a view group's events into segments by customer: an event's sequence is the customer it belongs to, so
 * every event that changes one customer's view documents (the customer's own events and those of its
 * opportunities) lands in one segment and is applied in log order there, which the per-document
 * {@code appliedPosition} check relies on.
 * <p>
 * A customer event carries {@code customerId}; of the opportunity events only some do, so the others are mapped
 * through the opportunity's first event ({@code OpportunityOpened}, which names its customer and never changes),
 * read once from the event store and kept in a bounded cache. Anything else falls back to its aggregate. The
 * answer depends only on the event and facts that never change, so every instance and every restart puts an event
 * in the same segment (a sequence that moved between segments could be skipped by both).
 */
public final class CustomerSequencing implements SequencingPolicy<EventMessage<?>> {

    private static final ClassValue<Method> CUSTOMER_ID = accessor("customerId");
    private static final ClassValue<Method> OPPORTUNITY_ID = accessor("opportunityId");

    private final Supplier<EventStore> store;
    private final Cache<String, String> customerOfOpportunity;

    public CustomerSequencing(Supplier<EventStore> store, long cachedOpportunities) {
        this.store = store;
        this.customerOfOpportunity = Caffeine.newBuilder().maximumSize(cachedOpportunities).build();
    }

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Object payload = event.getPayload();
        String customerId = component(CUSTOMER_ID, payload);
        if (customerId != null) {
            return customerId;
        }
        String opportunityId = component(OPPORTUNITY_ID, payload);
        if (opportunityId != null) {
            return customerOfOpportunity.get(opportunityId, this::readCustomerOf);
        }
        return SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
    }

    /** The customer named by the opportunity's first event; the opportunity itself if that event names none. */
    private String readCustomerOf(String opportunityId) {
        DomainEventStream events = store.get().readEvents(opportunityId);
        if (!events.hasNext()) {
            // the event being sequenced is stored, so its opportunity's history cannot be empty: a read that
            // failed to see it must not choose a segment (the processor retries the batch)
            throw new IllegalStateException("no stored events for opportunity " + opportunityId + " while sequencing one of them");
        }
        String customerId = component(CUSTOMER_ID, events.next().getPayload());
        return customerId == null ? opportunityId : customerId;
    }

    private static String component(ClassValue<Method> accessor, Object payload) {
        if (payload == null) {
            return null;
        }
        Method method = accessor.get(payload.getClass());
        if (method == null) {
            return null;
        }
        try {
            Object value = method.invoke(payload);
            return value == null ? null : value.toString();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + method.getName() + " of " + payload.getClass().getName(), e);
        }
    }

    /** The record component accessor named {@code name}, found once per event class (null when there is none). */
    private static ClassValue<Method> accessor(String name) {
        return new ClassValue<>() {
            @Override
            protected Method computeValue(Class<?> type) {
                if (!type.isRecord()) {
                    return null;
                }
                for (RecordComponent component : type.getRecordComponents()) {
                    if (component.getName().equals(name) && component.getType() == String.class) {
                        return component.getAccessor();
                    }
                }
                return null;
            }
        };
    }
}
