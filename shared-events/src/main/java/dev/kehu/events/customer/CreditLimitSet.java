package dev.kehu.events.customer;

import dev.kehu.events.Money;
import org.axonframework.serialization.Revision;

/** The credit limit was set; previousLimit is null the first time. */
@Revision("1")
public record CreditLimitSet(String customerId, Money limit, Money previousLimit) {
}
