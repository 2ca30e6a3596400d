package dev.kehu.command.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Merge this duplicate customer into the survivor. */
public record MergeCustomer(@TargetAggregateIdentifier String customerId, String survivorId) {
}
