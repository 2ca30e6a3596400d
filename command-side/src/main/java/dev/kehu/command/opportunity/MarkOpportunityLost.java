package dev.kehu.command.opportunity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Close an open opportunity as lost (输单), with the reason and the competitor who won (may be null).
 */
public record MarkOpportunityLost(
        @TargetAggregateIdentifier String opportunityId,
        String reason,
        String competitor) {
}
