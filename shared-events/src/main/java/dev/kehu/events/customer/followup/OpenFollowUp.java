package dev.kehu.events.customer.followup;

import java.time.LocalDate;

/** A follow-up that is not done yet, as it moves from a merged duplicate to the survivor. */
public record OpenFollowUp(String followUpId, String interactionId, LocalDate dueOn) {
}
