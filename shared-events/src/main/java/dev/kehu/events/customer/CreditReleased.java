package dev.kehu.events.customer;

import dev.kehu.events.Money;
import org.axonframework.serialization.Revision;

/** A credit reservation was given back, e.g. when a won deal was reopened. */
@Revision("1")
public record CreditReleased(String customerId, String opportunityId, Money amount, String reason) {
}
