package dev.kehu.events.customer.service;

import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/**
 * A complaint (投诉) refers to one of the customer's after-sales service requests (售后服务); previousRequestId is
 * the request it referred to before (a corrected link), null the first time. A separate event, so that
 * {@link ComplaintLogged} keeps its stored shape.
 */
@EventType("ComplaintLinkedToServiceRequest")
@Revision("1")
public record ComplaintLinkedToServiceRequest(String customerId, String complaintId, String requestId,
                                              String previousRequestId) {
}
