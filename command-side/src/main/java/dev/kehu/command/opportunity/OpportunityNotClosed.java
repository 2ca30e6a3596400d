package dev.kehu.command.opportunity;

import dev.kehu.events.opportunity.Stage;
import java.util.Map;

/** Only a won or lost opportunity can be reopened. */
public class OpportunityNotClosed extends OpportunityConflict {

    public OpportunityNotClosed(String opportunityId, Stage stage) {
        super("opportunity " + opportunityId + " is open (" + stage
                + "); only a won or lost opportunity can be reopened",
                Map.of("opportunityId", opportunityId, "stage", stage.name()));
    }
}
