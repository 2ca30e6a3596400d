package dev.kehu.command.opportunity;

import dev.kehu.events.opportunity.Stage;
import java.util.Map;

/** Skipping a stage or going back a stage needs a reason. */
public class StageChangeNeedsReason extends OpportunityRuleRefusal {

    public StageChangeNeedsReason(Stage from, Stage to) {
        super("moving from " + from + " to " + to
                + (from.wouldGoBackTo(to) ? " goes back" : " skips a stage") + " and needs a reason",
                Map.of("field", "reason", "from", from.name(), "to", to.name()));
    }
}
