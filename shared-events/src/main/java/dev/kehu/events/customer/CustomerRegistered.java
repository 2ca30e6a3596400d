package dev.kehu.events.customer;

import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** A customer was registered (客户建档): a company or an individual with its profile. */
@EventType("dev.kehu.events.customer.CustomerRegistered")
@Revision("1")
public record CustomerRegistered(String customerId, CustomerKind kind, CustomerProfile profile) {
}
