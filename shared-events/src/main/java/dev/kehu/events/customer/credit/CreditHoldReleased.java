package dev.kehu.events.customer.credit;

import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** The credit hold was lifted. */
@EventType("dev.kehu.events.customer.CreditHoldReleased")
@Revision("1")
public record CreditHoldReleased(String customerId, String reason) {
}
