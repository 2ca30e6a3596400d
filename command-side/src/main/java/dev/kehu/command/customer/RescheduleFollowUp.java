package dev.kehu.command.customer;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Move a follow-up to another date. */
public record RescheduleFollowUp(@TargetAggregateIdentifier String customerId, String followUpId, LocalDate dueOn) {
}
