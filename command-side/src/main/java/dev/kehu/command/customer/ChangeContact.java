package dev.kehu.command.customer;

import dev.kehu.events.customer.ContactCard;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace a contact's details. */
public record ChangeContact(@TargetAggregateIdentifier String customerId, ContactCard contact) {
}
