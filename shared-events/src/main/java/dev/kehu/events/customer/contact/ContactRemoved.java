package dev.kehu.events.customer.contact;

import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** A contact was removed from the customer. */
@EventType("dev.kehu.events.customer.ContactRemoved")
@Revision("1")
public record ContactRemoved(String customerId, String contactId) {
}
