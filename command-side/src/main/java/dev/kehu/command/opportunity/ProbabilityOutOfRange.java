package dev.kehu.command.opportunity;

import java.util.Map;

/** A probability is a whole percent from 0 to 100. */
public class ProbabilityOutOfRange extends OpportunityRuleRefusal {

    public ProbabilityOutOfRange(int probability) {
        super("probability " + probability + " is not between 0 and 100",
                Map.of("field", "probability", "probability", probability));
    }
}
