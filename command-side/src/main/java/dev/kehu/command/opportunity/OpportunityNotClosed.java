package dev.kehu.command.opportunity;

import dev.kehu.events.opportunity.Stage;

/** Only a won or lost opportunity can be reopened. */
public class OpportunityNotClosed extends OpportunityRefused {

    public OpportunityNotClosed(String opportunityId, Stage stage) {
        super("opportunity " + opportunityId + " is open (" + stage
                + "); only a won or lost opportunity can be reopened");
    }
}
