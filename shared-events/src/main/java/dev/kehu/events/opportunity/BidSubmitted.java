package dev.kehu.events.opportunity;

import dev.kehu.events.Money;
import java.time.LocalDate;
import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** A bid (投标) was submitted for an opportunity: the bid amount and the buyer's deadline. */
@EventType("dev.kehu.events.opportunity.BidSubmitted")
@Revision("1")
public record BidSubmitted(
        String opportunityId,
        Money bidAmount,
        LocalDate deadline) {
}
