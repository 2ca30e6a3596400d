package dev.kehu.command.opportunity;

import dev.kehu.events.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Change the expected amount of an open opportunity. {@code expectedVersion} is the version the
 * caller last saw, or null.
 */
public record ChangeOpportunityAmount(
        @TargetAggregateIdentifier String opportunityId,
        Money amount,
        @TargetAggregateVersion Long expectedVersion) {
}
