package dev.kehu.events.opportunity;

import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** The buyer's evaluation of a submitted bid (评标) was recorded. */
@EventType("dev.kehu.events.opportunity.BidResultRecorded")
@Revision("1")
public record BidResultRecorded(
        String opportunityId,
        BidOutcome outcome,
        String notes) {
}
