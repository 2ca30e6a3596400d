package dev.kehu.events.customer;

import org.axonframework.serialization.Revision;

/** This customer was a duplicate and was merged into the survivor; it is read-only from now on. */
@Revision("1")
public record CustomerMerged(String customerId, String survivorId) {
}
