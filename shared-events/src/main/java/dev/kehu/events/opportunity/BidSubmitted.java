package dev.kehu.events.opportunity;

import dev.kehu.events.Money;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A bid (投标) was submitted for an opportunity: the bid amount and the buyer's deadline. */
@Revision("1")
public record BidSubmitted(
        String opportunityId,
        Money bidAmount,
        LocalDate deadline) {
}
