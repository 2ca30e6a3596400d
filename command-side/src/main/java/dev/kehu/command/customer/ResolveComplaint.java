package dev.kehu.command.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Resolve a complaint with a satisfaction score from 1 to 5. */
public record ResolveComplaint(@TargetAggregateIdentifier String customerId, String complaintId, String resolution, int satisfactionScore) {
}
