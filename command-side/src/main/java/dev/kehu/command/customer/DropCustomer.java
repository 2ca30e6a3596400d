package dev.kehu.command.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Drop a low-return customer (放弃名单). */
public record DropCustomer(@TargetAggregateIdentifier String customerId, String reason) {
}
