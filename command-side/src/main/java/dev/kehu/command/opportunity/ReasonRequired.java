package dev.kehu.command.opportunity;

import java.util.Map;

/** This change must say why. */
public class ReasonRequired extends OpportunityRuleRefusal {

    public ReasonRequired(String change) {
        super(change + " needs a reason",
                Map.of("field", "reason"));
    }
}
