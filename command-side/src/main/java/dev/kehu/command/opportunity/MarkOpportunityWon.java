package dev.kehu.command.opportunity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Close an opportunity as won (赢单). Handled by {@link WinOpportunityHandler}, which reserves the
 * amount against the customer's credit in the same unit of work.
 */
public record MarkOpportunityWon(@TargetAggregateIdentifier String opportunityId) {
}
