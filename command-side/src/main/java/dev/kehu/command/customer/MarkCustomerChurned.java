package dev.kehu.command.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that the customer was lost, why and to whom. */
public record MarkCustomerChurned(@TargetAggregateIdentifier String customerId, String reason, String competitor) {
}
