package dev.kehu.command.opportunity;

import java.util.Map;

/** A bid is submitted only after its preparation checklist (标前准备) is complete. */
public class BidNotPrepared extends OpportunityRuleRefusal {

    public BidNotPrepared(String opportunityId) {
        super("the bid of opportunity " + opportunityId
                + " cannot be submitted before its preparation checklist is complete",
                Map.of("opportunityId", opportunityId));
    }
}
