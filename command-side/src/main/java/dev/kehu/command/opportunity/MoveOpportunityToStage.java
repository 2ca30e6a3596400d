package dev.kehu.command.opportunity;

import dev.kehu.events.opportunity.Stage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Move an open opportunity to another open stage; skipping a stage or going back needs a reason.
 */
public record MoveOpportunityToStage(
        @TargetAggregateIdentifier String opportunityId,
        Stage stage,
        String reason) {
}
