package dev.kehu.command.opportunity;

import dev.kehu.events.opportunity.Stage;
import java.util.Map;

/** WON and LOST are reached by winning or losing the opportunity, not by a stage move. */
public class StageNotReachableByMove extends OpportunityRuleRefusal {

    public StageNotReachableByMove(Stage stage) {
        super("stage " + stage
                + " is reached by winning or losing the opportunity, not by a stage move",
                Map.of("field", "stage", "stage", stage.name()));
    }
}
