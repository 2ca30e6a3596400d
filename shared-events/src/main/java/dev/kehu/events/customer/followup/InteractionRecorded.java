package dev.kehu.events.customer.followup;

import java.time.LocalDate;
import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** A visit, call, meeting, e-mail or message (接触, 拜访) with the customer took place. */
@EventType("dev.kehu.events.customer.InteractionRecorded")
@Revision("1")
public record InteractionRecorded(String customerId, String interactionId, InteractionChannel channel, String contactId, LocalDate occurredOn, String outcome, String notes) {
}
