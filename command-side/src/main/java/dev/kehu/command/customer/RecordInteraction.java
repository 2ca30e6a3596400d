package dev.kehu.command.customer;

import dev.kehu.events.customer.InteractionChannel;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a visit, call, meeting, e-mail or message; with nextFollowUpOn a follow-up with id followUpId is scheduled. */
public record RecordInteraction(@TargetAggregateIdentifier String customerId, String interactionId, InteractionChannel channel, String contactId, LocalDate occurredOn, String outcome, String notes, String followUpId, LocalDate nextFollowUpOn) {
}
