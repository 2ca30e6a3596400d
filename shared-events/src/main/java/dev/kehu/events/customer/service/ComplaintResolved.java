package dev.kehu.events.customer.service;

import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** A complaint was resolved, with the customer's satisfaction score (满意度, 1 to 5). */
@EventType("dev.kehu.events.customer.ComplaintResolved")
@Revision("1")
public record ComplaintResolved(String customerId, String complaintId, String resolution, int satisfactionScore) {
}
