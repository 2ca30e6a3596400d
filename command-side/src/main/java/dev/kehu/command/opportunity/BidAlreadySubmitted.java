package dev.kehu.command.opportunity;

import java.util.Map;

/** The bid of an opportunity is submitted once. */
public class BidAlreadySubmitted extends OpportunityConflict {

    public BidAlreadySubmitted(String opportunityId) {
        super("the bid of opportunity " + opportunityId + " was already submitted",
                Map.of("opportunityId", opportunityId));
    }
}
