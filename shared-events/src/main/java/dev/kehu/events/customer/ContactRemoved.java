package dev.kehu.events.customer;

import org.axonframework.serialization.Revision;

/** A contact was removed from the customer. */
@Revision("1")
public record ContactRemoved(String customerId, String contactId) {
}
