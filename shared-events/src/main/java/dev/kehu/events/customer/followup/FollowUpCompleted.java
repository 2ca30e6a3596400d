package dev.kehu.events.customer.followup;

import java.time.LocalDate;
import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** A follow-up was done. */
@EventType("dev.kehu.events.customer.FollowUpCompleted")
@Revision("1")
public record FollowUpCompleted(String customerId, String followUpId, LocalDate completedOn, String outcome) {
}
