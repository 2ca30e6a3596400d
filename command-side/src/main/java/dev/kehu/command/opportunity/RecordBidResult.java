package dev.kehu.command.opportunity;

import dev.kehu.events.opportunity.BidOutcome;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Record the buyer's evaluation (评标) of the submitted bid. */
public record RecordBidResult(
        @TargetAggregateIdentifier String opportunityId,
        BidOutcome outcome,
        String notes,
        @TargetAggregateVersion Long expectedVersion) {
}
