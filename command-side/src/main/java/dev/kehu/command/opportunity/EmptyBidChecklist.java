package dev.kehu.command.opportunity;

import java.util.Map;

/** Completing bid preparation names at least one checklist item. */
public class EmptyBidChecklist extends OpportunityRuleRefusal {

    public EmptyBidChecklist(String opportunityId) {
        super("the bid preparation checklist of opportunity " + opportunityId + " names no item",
                Map.of("field", "checklist", "opportunityId", opportunityId));
    }
}
