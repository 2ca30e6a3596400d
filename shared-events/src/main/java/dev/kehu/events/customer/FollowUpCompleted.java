package dev.kehu.events.customer;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A follow-up was done. */
@Revision("1")
public record FollowUpCompleted(String customerId, String followUpId, LocalDate completedOn, String outcome) {
}
