package dev.kehu.events.customer;

import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** This customer was a duplicate and was merged into the survivor; it is read-only from now on. */
@EventType("dev.kehu.events.customer.CustomerMerged")
@Revision("1")
public record CustomerMerged(String customerId, String survivorId) {
}
