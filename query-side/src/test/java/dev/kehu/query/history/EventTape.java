package dev.kehu.query.history;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Hand-written events with tracking tokens, one hour apart, for focused projection tests. */
public final class EventTape {

    private final List<TrackedEventMessage<?>> events = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private Instant clock;

    public EventTape(Instant start) {
        this.clock = start;
    }

    public EventTape customer(String customerId, Object payload) {
        return append("Customer", customerId, payload);
    }

    public EventTape opportunity(String opportunityId, Object payload) {
        return append("Opportunity", opportunityId, payload);
    }

    public EventTape after(Duration duration) {
        clock = clock.plus(duration);
        return this;
    }

    public List<TrackedEventMessage<?>> events() {
        return events;
    }

    private EventTape append(String type, String aggregateId, Object payload) {
        clock = clock.plus(Duration.ofHours(1));
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        GenericDomainEventMessage<Object> message = new GenericDomainEventMessage<>(type, aggregateId, sequence, payload,
                Map.of("actor", "zhang.wei", "correlationId", "c-" + events.size(), "causationId", "c-" + events.size()),
                "e-" + events.size(), clock);
        events.add(new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(events.size()), message));
        return this;
    }
}
