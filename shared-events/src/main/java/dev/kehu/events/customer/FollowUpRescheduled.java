package dev.kehu.events.customer;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A follow-up moved to another due date. */
@Revision("1")
public record FollowUpRescheduled(String customerId, String followUpId, LocalDate previousDueOn, LocalDate dueOn) {
}
