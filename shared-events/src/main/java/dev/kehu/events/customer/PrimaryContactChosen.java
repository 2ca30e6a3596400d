package dev.kehu.events.customer;

import org.axonframework.serialization.Revision;

/** The contact who is the customer's primary contact from now on. */
@Revision("1")
public record PrimaryContactChosen(String customerId, String contactId) {
}
