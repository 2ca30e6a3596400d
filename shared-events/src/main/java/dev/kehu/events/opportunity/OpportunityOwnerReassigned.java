package dev.kehu.events.opportunity;

import org.axonframework.serialization.Revision;

/** The salesperson who owns an opportunity changed, with the reason. */
@Revision("1")
public record OpportunityOwnerReassigned(
        String opportunityId,
        String previousOwnerId,
        String ownerId,
        String reason) {
}
