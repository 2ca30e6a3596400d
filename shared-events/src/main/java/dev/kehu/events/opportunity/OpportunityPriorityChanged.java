package dev.kehu.events.opportunity;

import org.axonframework.serialization.Revision;

/** The priority of an open opportunity changed. */
@Revision("1")
public record OpportunityPriorityChanged(
        String opportunityId,
        OpportunityPriority previousPriority,
        OpportunityPriority priority) {
}
