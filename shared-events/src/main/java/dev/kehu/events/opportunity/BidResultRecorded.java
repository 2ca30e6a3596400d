package dev.kehu.events.opportunity;

import org.axonframework.serialization.Revision;

/** The buyer's evaluation of a submitted bid (评标) was recorded. */
@Revision("1")
public record BidResultRecorded(
        String opportunityId,
        BidOutcome outcome,
        String notes) {
}
