package dev.kehu.command.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Make a contact the primary one. */
public record ChoosePrimaryContact(@TargetAggregateIdentifier String customerId, String contactId) {
}
