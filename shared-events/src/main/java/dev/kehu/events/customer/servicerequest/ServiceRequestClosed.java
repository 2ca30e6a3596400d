package dev.kehu.events.customer.servicerequest;

import dev.kehu.events.EventType;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The request was closed with the customer's satisfaction score, 1–5 (满意度). */
@EventType("ServiceRequestClosed")
@Revision("1")
public record ServiceRequestClosed(String customerId, String requestId, LocalDate closedOn, int satisfactionScore) {
}
