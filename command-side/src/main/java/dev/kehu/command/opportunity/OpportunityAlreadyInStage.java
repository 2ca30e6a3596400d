package dev.kehu.command.opportunity;

import dev.kehu.events.opportunity.Stage;

/** Moving an opportunity to the stage it is already in. */
public class OpportunityAlreadyInStage extends OpportunityRefused {

    public OpportunityAlreadyInStage(String opportunityId, Stage stage) {
        super("opportunity " + opportunityId + " is already in stage " + stage);
    }
}
