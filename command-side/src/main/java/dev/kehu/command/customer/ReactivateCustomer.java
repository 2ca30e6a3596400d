package dev.kehu.command.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Bring a dormant, churned or dropped customer back. */
public record ReactivateCustomer(@TargetAggregateIdentifier String customerId, String reason) {
}
