package dev.kehu.command.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Put the customer on credit hold. */
public record PlaceCreditHold(@TargetAggregateIdentifier String customerId, String reason) {
}
