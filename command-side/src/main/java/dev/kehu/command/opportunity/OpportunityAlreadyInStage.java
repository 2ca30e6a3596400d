package dev.kehu.command.opportunity;

import dev.kehu.events.opportunity.Stage;
import java.util.Map;

/** Moving an opportunity to the stage it is already in. */
public class OpportunityAlreadyInStage extends OpportunityConflict {

    public OpportunityAlreadyInStage(String opportunityId, Stage stage) {
        super("opportunity " + opportunityId + " is already in stage " + stage,
                Map.of("opportunityId", opportunityId, "stage", stage.name()));
    }
}
