package dev.kehu.command.opportunity;

import java.util.Map;

/** Opportunities are opened only for customers that are not churned, dropped or merged. */
public class CustomerNotAcceptingOpportunities extends OpportunityRuleRefusal {

    public CustomerNotAcceptingOpportunities(String customerId) {
        super("customer " + customerId
                + " is churned, dropped or merged and accepts no new opportunities",
                Map.of("field", "customerId", "customerId", customerId));
    }
}
