package dev.kehu.command.opportunity;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record the bid preparation checklist (标前准备) as done; the opportunity must be in the bidding stage.
 */
public record CompleteBidPreparation(
        @TargetAggregateIdentifier String opportunityId,
        List<String> checklist) {
}
