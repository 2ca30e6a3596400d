package dev.kehu.command.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Mark an active customer dormant. */
public record MarkCustomerDormant(@TargetAggregateIdentifier String customerId) {
}
