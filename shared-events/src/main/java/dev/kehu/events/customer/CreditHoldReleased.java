package dev.kehu.events.customer;

import org.axonframework.serialization.Revision;

/** The credit hold was lifted. */
@Revision("1")
public record CreditHoldReleased(String customerId, String reason) {
}
