package dev.kehu.command.opportunity;

import dev.kehu.events.opportunity.Stage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Reopen a won or lost opportunity, with a reason, into {@code stage} (an open stage), or into the
 * stage it was closed from when {@code stage} is null. Handled by {@link ReopenOpportunityHandler}:
 * a reopened won deal releases its credit reservation in the same unit of work.
 */
public record ReopenOpportunity(
        @TargetAggregateIdentifier String opportunityId,
        Stage stage,
        String reason) {
}
