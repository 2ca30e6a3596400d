package dev.kehu.command.customer;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a return visit, optionally about a complaint and with a satisfaction score. */
public record RecordReturnVisit(@TargetAggregateIdentifier String customerId, String returnVisitId, String complaintId, LocalDate visitedOn, String notes, Integer satisfactionScore) {
}
