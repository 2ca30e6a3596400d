package dev.kehu.events.opportunity;

import dev.kehu.events.EventType;
import dev.kehu.events.Money;
import org.axonframework.serialization.Revision;

/**
 * An opportunity was won (赢单) from the given stage at the given amount; the amount was reserved
 * against the customer's credit in the same commit.
 */
@EventType("dev.kehu.events.opportunity.OpportunityWon")
@Revision("1")
public record OpportunityWon(
        String opportunityId,
        String customerId,
        Stage fromStage,
        Money amount) {
}
