package dev.kehu.events.customer.contact;

import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** A contact's details were replaced by the ones carried here. */
@EventType("dev.kehu.events.customer.ContactChanged")
@Revision("1")
public record ContactChanged(String customerId, ContactCard contact) {
}
