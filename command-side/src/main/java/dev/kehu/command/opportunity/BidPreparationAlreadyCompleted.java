package dev.kehu.command.opportunity;

import java.util.Map;

/** The bid preparation checklist was already recorded as done. */
public class BidPreparationAlreadyCompleted extends OpportunityConflict {

    public BidPreparationAlreadyCompleted(String opportunityId) {
        super("the bid preparation of opportunity " + opportunityId + " is already complete",
                Map.of("opportunityId", opportunityId));
    }
}
