package dev.kehu.events.customer;

import org.axonframework.serialization.Revision;

/** A contact's details were replaced by the ones carried here. */
@Revision("1")
public record ContactChanged(String customerId, ContactCard contact) {
}
