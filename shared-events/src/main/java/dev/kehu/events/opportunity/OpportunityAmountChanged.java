package dev.kehu.events.opportunity;

import dev.kehu.events.EventType;
import dev.kehu.events.Money;
import org.axonframework.serialization.Revision;

/** The expected amount of an open opportunity changed (reports show shrunk and grown deals). */
@EventType("dev.kehu.events.opportunity.OpportunityAmountChanged")
@Revision("1")
public record OpportunityAmountChanged(
        String opportunityId,
        Money previousAmount,
        Money amount) {
}
