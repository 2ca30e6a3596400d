package dev.kehu.events.opportunity;

import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/**
 * The win probability (percent) of an open opportunity was set by hand instead of its stage's
 * default, with the reason.
 */
@EventType("dev.kehu.events.opportunity.OpportunityProbabilityOverridden")
@Revision("1")
public record OpportunityProbabilityOverridden(
        String opportunityId,
        Stage stage,
        int previousProbability,
        int probability,
        String reason) {
}
