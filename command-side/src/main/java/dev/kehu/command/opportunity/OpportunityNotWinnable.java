package dev.kehu.command.opportunity;

import dev.kehu.events.opportunity.Stage;
import java.util.Map;

/** An opportunity is won only from the negotiation (谈判) or bidding (投标) stage. */
public class OpportunityNotWinnable extends OpportunityRuleRefusal {

    public OpportunityNotWinnable(String opportunityId, Stage stage) {
        super("opportunity " + opportunityId + " is in stage " + stage
                + "; it can be won only from NEGOTIATION or BIDDING",
                Map.of("opportunityId", opportunityId, "stage", stage.name()));
    }
}
