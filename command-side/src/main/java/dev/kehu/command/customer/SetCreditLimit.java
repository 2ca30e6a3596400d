package dev.kehu.command.customer;

import dev.kehu.events.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set the credit limit; its currency is the currency of all credit figures. */
public record SetCreditLimit(@TargetAggregateIdentifier String customerId, Money limit) {
}
