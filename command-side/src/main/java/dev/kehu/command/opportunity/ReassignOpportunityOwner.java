package dev.kehu.command.opportunity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Hand an open opportunity to another salesperson, with a reason. */
public record ReassignOpportunityOwner(
        @TargetAggregateIdentifier String opportunityId,
        String ownerId,
        String reason) {
}
