package dev.kehu.command.customer;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Mark a follow-up as done. */
public record CompleteFollowUp(@TargetAggregateIdentifier String customerId, String followUpId, LocalDate completedOn, String outcome) {
}
