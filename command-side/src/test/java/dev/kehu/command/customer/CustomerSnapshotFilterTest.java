package dev.kehu.command.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kehu.command.CommandApiTestSupport;
import dev.kehu.events.customer.contact.ContactAdded;
import java.time.Instant;
import java.util.stream.Stream;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The application's Axon upcaster chain (through which the event store reads snapshots) drops Customer
 * snapshots of another revision and keeps current ones and every event. The event store itself is
 * tested in infra ({@code CustomerSnapshotOnEventStoreTest}).
 */
class CustomerSnapshotFilterTest extends CommandApiTestSupport {

    @Autowired
    Configuration axon;
    @Autowired
    Serializer serializer;

    @Test
    void theApplicationsUpcasterChainDropsOnlyCustomerSnapshotsOfAnotherRevision() {
        assertThat(survives(Customer.class.getName(), null)).as("flat shape, no revision").isFalse();
        assertThat(survives(Customer.class.getName(), "1")).as("revision 1").isFalse();
        assertThat(survives(Customer.class.getName(), Customer.SNAPSHOT_REVISION)).as("current").isTrue();
        assertThat(survives(ContactAdded.class.getName(), "1")).as("an event").isTrue();
        assertThat(survives("dev.kehu.command.opportunity.Opportunity", null)).as("another aggregate").isTrue();
    }

    private boolean survives(String type, String revision) {
        GenericDomainEventEntry<String> stored = new GenericDomainEventEntry<>("Customer", "客户-1", 7, "e-1",
                Instant.parse("2026-11-22T08:00:00Z"), type, revision, "{\"customerId\":\"客户-1\"}", "{}");
        Stream<IntermediateEventRepresentation> read = Stream.of(new InitialEventRepresentation(stored, serializer));
        return axon.upcasterChain().upcast(read).findAny().isPresent();
    }
}
