package dev.kehu.events.customer;

import org.axonframework.serialization.Revision;

/** The customer was put on credit hold: no new credit until released. */
@Revision("1")
public record CreditHoldPlaced(String customerId, String reason) {
}
