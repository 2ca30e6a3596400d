package dev.kehu.events.opportunity;

import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** The priority of an open opportunity changed. */
@EventType("dev.kehu.events.opportunity.OpportunityPriorityChanged")
@Revision("1")
public record OpportunityPriorityChanged(
        String opportunityId,
        OpportunityPriority previousPriority,
        OpportunityPriority priority) {
}
