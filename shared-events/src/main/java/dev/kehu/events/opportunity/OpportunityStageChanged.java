package dev.kehu.events.opportunity;

import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/**
 * An open opportunity moved from one pipeline stage to another; skipping a stage or going back
 * carries the reason. The probability (percent) is the new stage's default.
 */
@EventType("dev.kehu.events.opportunity.OpportunityStageChanged")
@Revision("1")
public record OpportunityStageChanged(
        String opportunityId,
        Stage from,
        Stage to,
        int probability,
        String reason,
        boolean skipped,
        boolean backwards) {
}
