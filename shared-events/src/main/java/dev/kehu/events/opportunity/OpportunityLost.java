package dev.kehu.events.opportunity;

import org.axonframework.serialization.Revision;

/**
 * An opportunity was lost (输单) from the given stage, with the reason and the competitor who won
 * it (null when unknown).
 */
@Revision("1")
public record OpportunityLost(
        String opportunityId,
        Stage fromStage,
        String reason,
        String competitor) {
}
