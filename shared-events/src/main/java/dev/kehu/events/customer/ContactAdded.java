package dev.kehu.events.customer;

import org.axonframework.serialization.Revision;

/** A contact person (联系人) was added to a company customer. */
@Revision("1")
public record ContactAdded(String customerId, ContactCard contact) {
}
