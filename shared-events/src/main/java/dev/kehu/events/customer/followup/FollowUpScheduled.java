package dev.kehu.events.customer.followup;

import java.time.LocalDate;
import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** A follow-up is due on the given date, usually set while recording an interaction. */
@EventType("dev.kehu.events.customer.FollowUpScheduled")
@Revision("1")
public record FollowUpScheduled(String customerId, String followUpId, String interactionId, LocalDate dueOn) {
}
