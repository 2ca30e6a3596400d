package dev.kehu.query.history;

import dev.kehu.events.customer.CustomerRegistered;
import dev.kehu.events.opportunity.OpportunityLost;
import dev.kehu.events.opportunity.OpportunityWon;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import dev.kehu.events.customer.service.ComplaintLinkedToServiceRequest;
import dev.kehu.events.registry.EventTypes;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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

    /**
     * The seeded history has every customer event of issue 22 (credit investigations, deliveries, service requests,
     * the complaint's link to a request, also moved), so rebuild-equals-live and replay run over them.
     */
    @Test
    void coversEveryEventOfTheDeliveriesCreditReviewAndServiceRequests() {
        List<DomainEventMessage<?>> events = SeededHistory.generate(7, 6_000, TODAY).events();
        Set<String> seen = events.stream().map(e -> e.getPayloadType().getName()).collect(Collectors.toSet());
        Set<String> issue22 = EventTypes.ALL.classes().stream().map(Class::getName)
                .filter(name -> name.contains(".servicerequest.") || name.contains(".delivery.")
                        || name.endsWith("CreditInvestigationRecorded") || name.endsWith("ComplaintLinkedToServiceRequest"))
                .collect(Collectors.toSet());
        assertThat(issue22).hasSize(11);
        assertThat(seen).containsAll(issue22);
        assertThat(events.stream().map(DomainEventMessage::getPayload)
                .filter(p -> p instanceof ComplaintLinkedToServiceRequest link && link.previousRequestId() != null))
                .as("a link moved to another request").isNotEmpty();
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
