package dev.kehu.events.customer.credit;

import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** The customer was put on credit hold: no new credit until released. */
@EventType("dev.kehu.events.customer.CreditHoldPlaced")
@Revision("1")
public record CreditHoldPlaced(String customerId, String reason) {
}
