package dev.kehu.command.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Log a complaint. */
public record LogComplaint(@TargetAggregateIdentifier String customerId, String complaintId, String contactId, String subject, String description) {
}
