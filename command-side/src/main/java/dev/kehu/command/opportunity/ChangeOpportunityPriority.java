package dev.kehu.command.opportunity;

import dev.kehu.events.opportunity.OpportunityPriority;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Change the priority (商机重点) of an open opportunity. */
public record ChangeOpportunityPriority(
        @TargetAggregateIdentifier String opportunityId,
        OpportunityPriority priority) {
}
