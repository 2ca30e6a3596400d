package dev.kehu.command.customer;

import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfile;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register a company or an individual. */
public record RegisterCustomer(@TargetAggregateIdentifier String customerId, CustomerKind kind, CustomerProfile profile) {
}
