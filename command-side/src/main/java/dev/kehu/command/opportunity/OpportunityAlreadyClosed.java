package dev.kehu.command.opportunity;

import dev.kehu.events.opportunity.Stage;

/** A closed (won or lost) opportunity changes only by reopening it. */
public class OpportunityAlreadyClosed extends OpportunityRefused {

    public OpportunityAlreadyClosed(String opportunityId, Stage closedAs) {
        super("opportunity " + opportunityId + " is closed as " + closedAs
                + "; it changes only by reopening");
    }
}
