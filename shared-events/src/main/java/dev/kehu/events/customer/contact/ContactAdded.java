package dev.kehu.events.customer.contact;

import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** A contact person (联系人) was added to a company customer. */
@EventType("dev.kehu.events.customer.ContactAdded")
@Revision("1")
public record ContactAdded(String customerId, ContactCard contact) {
}
