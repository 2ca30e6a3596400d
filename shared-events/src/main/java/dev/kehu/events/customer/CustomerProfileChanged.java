package dev.kehu.events.customer;

import org.axonframework.serialization.Revision;

/** The customer's profile (客户档案) was replaced by the one carried here. */
@Revision("1")
public record CustomerProfileChanged(String customerId, CustomerProfile profile) {
}
