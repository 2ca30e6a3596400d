package dev.kehu.command.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Lift the credit hold. */
public record ReleaseCreditHold(@TargetAggregateIdentifier String customerId, String reason) {
}
