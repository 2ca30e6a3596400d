package dev.kehu.events.customer.credit;

import dev.kehu.events.EventType;
import dev.kehu.events.Money;
import org.axonframework.serialization.Revision;

/** Credit was reserved for an opportunity (won deal not yet invoiced); replaces an earlier reservation for the same opportunity. */
@EventType("dev.kehu.events.customer.CreditReserved")
@Revision("1")
public record CreditReserved(String customerId, String opportunityId, Money amount) {
}
