package dev.kehu.events.customer.credit;

import dev.kehu.events.EventType;
import dev.kehu.events.Money;
import org.axonframework.serialization.Revision;

/** A credit reservation was given back, e.g. when a won deal was reopened. */
@EventType("dev.kehu.events.customer.CreditReleased")
@Revision("1")
public record CreditReleased(String customerId, String opportunityId, Money amount, String reason) {
}
