package dev.kehu.command.opportunity;

import dev.kehu.events.opportunity.Stage;
import java.util.Map;

/** Bid preparation, submission and results are recorded only in the bidding stage (投标). */
public class NotInBiddingStage extends OpportunityConflict {

    public NotInBiddingStage(String opportunityId, Stage stage) {
        super("opportunity " + opportunityId + " is in stage " + stage
                + "; bids are handled only in BIDDING",
                Map.of("opportunityId", opportunityId, "stage", stage.name()));
    }
}
