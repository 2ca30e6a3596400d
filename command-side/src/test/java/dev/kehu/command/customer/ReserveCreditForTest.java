package dev.kehu.command.customer;

import dev.kehu.events.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Test-only command: drives the credit API the way the Opportunity side does. */
record ReserveCreditForTest(@TargetAggregateIdentifier String customerId, String opportunityId, Money amount,
                            boolean release) {
}
