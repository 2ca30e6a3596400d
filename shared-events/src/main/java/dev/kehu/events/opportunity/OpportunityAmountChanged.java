package dev.kehu.events.opportunity;

import dev.kehu.events.Money;
import org.axonframework.serialization.Revision;

/** The expected amount of an open opportunity changed (reports show shrunk and grown deals). */
@Revision("1")
public record OpportunityAmountChanged(
        String opportunityId,
        Money previousAmount,
        Money amount) {
}
