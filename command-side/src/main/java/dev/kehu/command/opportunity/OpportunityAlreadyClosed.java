package dev.kehu.command.opportunity;

import dev.kehu.events.opportunity.Stage;
import java.util.Map;

/** A closed (won or lost) opportunity changes only by reopening it. */
public class OpportunityAlreadyClosed extends OpportunityConflict {

    public OpportunityAlreadyClosed(String opportunityId, Stage closedAs) {
        super("opportunity " + opportunityId + " is closed as " + closedAs
                + "; it changes only by reopening",
                Map.of("opportunityId", opportunityId, "stage", closedAs.name()));
    }
}
