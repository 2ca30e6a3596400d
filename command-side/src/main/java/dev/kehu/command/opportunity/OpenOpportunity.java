package dev.kehu.command.opportunity;

import dev.kehu.events.Money;
import dev.kehu.events.opportunity.OpportunityPriority;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Open an opportunity (商机) for an existing customer that accepts new opportunities. Handled by
 * {@link OpenOpportunityHandler}; it starts at {@link dev.kehu.events.opportunity.Stage#LEAD}.
 */
public record OpenOpportunity(
        @TargetAggregateIdentifier String opportunityId,
        String customerId,
        String title,
        Money amount,
        LocalDate expectedCloseDate,
        String source,
        String ownerId,
        OpportunityPriority priority) {
}
