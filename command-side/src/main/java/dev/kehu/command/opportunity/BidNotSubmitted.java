package dev.kehu.command.opportunity;

import java.util.Map;

/** A bid result is recorded only for a submitted bid. */
public class BidNotSubmitted extends OpportunityRuleRefusal {

    public BidNotSubmitted(String opportunityId) {
        super("opportunity " + opportunityId + " has no submitted bid to record a result for",
                Map.of("opportunityId", opportunityId));
    }
}
