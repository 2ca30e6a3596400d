package dev.kehu.command.customer;

import dev.kehu.events.customer.CreditRating;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set the credit rating. */
public record SetCreditRating(@TargetAggregateIdentifier String customerId, CreditRating rating) {
}
