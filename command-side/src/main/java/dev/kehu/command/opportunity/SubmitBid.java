package dev.kehu.command.opportunity;

import dev.kehu.events.Money;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Submit the bid (投标) with its amount and the buyer's deadline; preparation must be complete. */
public record SubmitBid(
        @TargetAggregateIdentifier String opportunityId,
        Money bidAmount,
        LocalDate deadline) {
}
