package dev.kehu.events.customer;

import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** The customer's profile (客户档案) was replaced by the one carried here. */
@EventType("dev.kehu.events.customer.CustomerProfileChanged")
@Revision("1")
public record CustomerProfileChanged(String customerId, CustomerProfile profile) {
}
