package dev.kehu.events.opportunity;

import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/**
 * A closed opportunity was reopened into an open stage with that stage's probability (percent); a
 * reopened won deal released the credit it held (creditReleased).
 */
@EventType("dev.kehu.events.opportunity.OpportunityReopened")
@Revision("1")
public record OpportunityReopened(
        String opportunityId,
        Stage closedAs,
        Stage stage,
        int probability,
        boolean creditReleased,
        String reason) {
}
