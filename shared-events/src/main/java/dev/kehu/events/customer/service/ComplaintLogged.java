package dev.kehu.events.customer.service;

import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** A complaint (投诉) was logged; contactId may be null. */
@EventType("dev.kehu.events.customer.ComplaintLogged")
@Revision("1")
public record ComplaintLogged(String customerId, String complaintId, String contactId, String subject, String description) {
}
