package dev.kehu.events.customer;

import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** The responsible account manager (客户经理) changed; previousAccountManager is null on the first assignment. */
@EventType("dev.kehu.events.customer.AccountManagerAssigned")
@Revision("1")
public record AccountManagerAssigned(String customerId, String accountManager, String previousAccountManager, String reason) {
}
