package dev.kehu.command.opportunity;

import dev.kehu.events.opportunity.Stage;

/** Skipping a stage or going back a stage needs a reason. */
public class StageChangeNeedsReason extends OpportunityRefused {

    public StageChangeNeedsReason(Stage from, Stage to) {
        super("moving from " + from + " to " + to
                + (from.wouldGoBackTo(to) ? " goes back" : " skips a stage") + " and needs a reason");
    }
}
