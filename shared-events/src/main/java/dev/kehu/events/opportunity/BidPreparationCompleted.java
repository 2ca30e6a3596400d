package dev.kehu.events.opportunity;

import java.util.List;
import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/**
 * The bid preparation checklist (标前准备) of an opportunity in the bidding stage was completed; the
 * items done.
 */
@EventType("dev.kehu.events.opportunity.BidPreparationCompleted")
@Revision("1")
public record BidPreparationCompleted(
        String opportunityId,
        List<String> checklist) {
}
