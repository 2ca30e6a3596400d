package dev.kehu.command.opportunity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set the win probability (percent, 0–100) of an open opportunity by hand, with a reason. */
public record OverrideOpportunityProbability(
        @TargetAggregateIdentifier String opportunityId,
        int probability,
        String reason) {
}
