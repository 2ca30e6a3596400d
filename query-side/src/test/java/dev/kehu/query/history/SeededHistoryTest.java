package dev.kehu.query.history;

import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.opportunity.OpportunityLost;
import dev.kehu.events.opportunity.OpportunityWon;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SeededHistoryTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    @Test
    void theSameSeedGivesTheSameEventsIdentifiersAndTimestamps() {
        List<DomainEventMessage<?>> first = SeededHistory.generate(99, 3_000, TODAY).events();
        List<DomainEventMessage<?>> second = SeededHistory.generate(99, 3_000, TODAY).events();
        assertThat(second).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).getPayload()).isEqualTo(first.get(i).getPayload());
            assertThat(second.get(i).getIdentifier()).isEqualTo(first.get(i).getIdentifier());
            assertThat(second.get(i).getTimestamp()).isEqualTo(first.get(i).getTimestamp());
            assertThat(second.get(i).getMetaData()).isEqualTo(first.get(i).getMetaData());
        }
        assertThat(SeededHistory.generate(100, 3_000, TODAY).events().get(0).getPayload()).isNotEqualTo(first.get(0).getPayload());
    }

    @Test
    void eventsAreOrderedInTimeWithGaplessSequencesPerAggregateAndFullMetadata() {
        SeededHistory history = SeededHistory.generate(5, 5_000, TODAY);
        Map<String, Long> next = new HashMap<>();
        DomainEventMessage<?> previous = null;
        for (DomainEventMessage<?> event : history.events()) {
            assertThat(event.getSequenceNumber()).isEqualTo(next.getOrDefault(event.getAggregateIdentifier(), 0L));
            next.put(event.getAggregateIdentifier(), event.getSequenceNumber() + 1);
            if (previous != null) {
                assertThat(event.getTimestamp()).isAfterOrEqualTo(previous.getTimestamp());
            }
            assertThat(event.getTimestamp()).isBefore(SeededHistory.startOfDay(TODAY));
            assertThat(event.getMetaData()).containsKeys("actor", "correlationId", "causationId");
            previous = event;
        }
        List<Object> payloads = history.events().stream().map(DomainEventMessage::getPayload).map(p -> (Object) p).toList();
        assertThat(payloads).anyMatch(p -> p instanceof OpportunityWon).anyMatch(p -> p instanceof OpportunityLost);
        assertThat(payloads).filteredOn(p -> p instanceof CustomerRegistered)
                .anyMatch(p -> ((CustomerRegistered) p).profile().chineseName() != null)
                .anyMatch(p -> ((CustomerRegistered) p).profile().chineseName() == null);
        history.events().stream().filter(e -> e.getPayload() instanceof CustomerRegistered)
                .forEach(e -> assertThat(e.getSequenceNumber()).isZero());
    }
}
