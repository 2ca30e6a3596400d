package dev.kehu.command.opportunity;

import dev.kehu.events.opportunity.BidOutcome;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record the buyer's evaluation (评标) of the submitted bid. */
public record RecordBidResult(
        @TargetAggregateIdentifier String opportunityId,
        BidOutcome outcome,
        String notes) {
}
