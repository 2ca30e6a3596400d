package dev.kehu.events.customer.followup;

import java.time.LocalDate;
import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** A follow-up moved to another due date. */
@EventType("dev.kehu.events.customer.FollowUpRescheduled")
@Revision("1")
public record FollowUpRescheduled(String customerId, String followUpId, LocalDate previousDueOn, LocalDate dueOn) {
}
