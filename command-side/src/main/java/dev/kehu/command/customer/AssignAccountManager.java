package dev.kehu.command.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Assign or reassign the account manager; a reassignment needs a reason. */
public record AssignAccountManager(@TargetAggregateIdentifier String customerId, String accountManager, String reason) {
}
