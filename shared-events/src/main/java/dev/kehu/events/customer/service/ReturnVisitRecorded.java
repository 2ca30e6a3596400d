package dev.kehu.events.customer.service;

import java.time.LocalDate;
import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** A return visit (回访) took place; complaintId and satisfactionScore may be null. */
@EventType("dev.kehu.events.customer.ReturnVisitRecorded")
@Revision("1")
public record ReturnVisitRecorded(String customerId, String returnVisitId, String complaintId, LocalDate visitedOn, String notes, Integer satisfactionScore) {
}
