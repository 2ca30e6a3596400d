package dev.kehu.events.customer.credit;

import dev.kehu.events.EventType;
import dev.kehu.events.Money;
import org.axonframework.serialization.Revision;

/** The credit limit was set; previousLimit is null the first time. */
@EventType("dev.kehu.events.customer.CreditLimitSet")
@Revision("1")
public record CreditLimitSet(String customerId, Money limit, Money previousLimit) {
}
