package dev.kehu.command.opportunity;

import dev.kehu.events.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Change the expected amount of an open opportunity. */
public record ChangeOpportunityAmount(
        @TargetAggregateIdentifier String opportunityId,
        Money amount) {
}
