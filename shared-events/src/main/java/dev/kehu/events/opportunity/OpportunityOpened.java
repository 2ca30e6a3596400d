package dev.kehu.events.opportunity;

import dev.kehu.events.Money;
import java.time.LocalDate;
import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/**
 * An opportunity (商机) was opened for a customer, at its first stage with that stage's probability
 * (percent).
 */
@EventType("dev.kehu.events.opportunity.OpportunityOpened")
@Revision("1")
public record OpportunityOpened(
        String opportunityId,
        String customerId,
        String title,
        Money amount,
        LocalDate expectedCloseDate,
        String source,
        String ownerId,
        OpportunityPriority priority,
        Stage stage,
        int probability) {
}
