package dev.kehu.command.customer;

import dev.kehu.events.customer.ContactCard;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Add a contact person to a company customer. */
public record AddContact(@TargetAggregateIdentifier String customerId, ContactCard contact) {
}
