package dev.kehu.command.customer;

import java.util.Map;

/** Satisfaction scores run from 1 to 5. */
public class SatisfactionScoreOutOfRange extends CustomerRuleRefusal {

    public SatisfactionScoreOutOfRange(int score) {
        super("satisfactionScore must be between 1 and 5, was " + score, Map.of("field", "satisfactionScore"));
    }
}
