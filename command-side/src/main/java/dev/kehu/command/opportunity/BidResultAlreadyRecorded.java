package dev.kehu.command.opportunity;

import java.util.Map;

/** The result of a bid is recorded once. */
public class BidResultAlreadyRecorded extends OpportunityConflict {

    public BidResultAlreadyRecorded(String opportunityId) {
        super("the bid result of opportunity " + opportunityId + " was already recorded",
                Map.of("opportunityId", opportunityId));
    }
}
