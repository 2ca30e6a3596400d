package dev.kehu.command.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Remove a contact. */
public record RemoveContact(@TargetAggregateIdentifier String customerId, String contactId) {
}
