package dev.kehu.command.customer;

import dev.kehu.events.customer.CustomerProfile;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace the customer's profile. */
public record ChangeCustomerProfile(@TargetAggregateIdentifier String customerId, CustomerProfile profile) {
}
