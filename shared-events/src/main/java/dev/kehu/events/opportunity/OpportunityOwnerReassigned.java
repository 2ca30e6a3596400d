package dev.kehu.events.opportunity;

import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** The salesperson who owns an opportunity changed, with the reason. */
@EventType("dev.kehu.events.opportunity.OpportunityOwnerReassigned")
@Revision("1")
public record OpportunityOwnerReassigned(
        String opportunityId,
        String previousOwnerId,
        String ownerId,
        String reason) {
}
