package dev.kehu.events.opportunity;

import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/**
 * An opportunity was lost (输单) from the given stage, with the reason and the competitor who won
 * it (null when unknown).
 */
@EventType("dev.kehu.events.opportunity.OpportunityLost")
@Revision("1")
public record OpportunityLost(
        String opportunityId,
        Stage fromStage,
        String reason,
        String competitor) {
}
