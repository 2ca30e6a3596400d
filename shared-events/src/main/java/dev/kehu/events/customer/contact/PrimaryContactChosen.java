package dev.kehu.events.customer.contact;

import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** The contact who is the customer's primary contact from now on. */
@EventType("dev.kehu.events.customer.PrimaryContactChosen")
@Revision("1")
public record PrimaryContactChosen(String customerId, String contactId) {
}
