package dev.kehu.command.opportunity;

import java.util.Map;

/** Opportunities are opened only for an existing customer. */
public class UnknownCustomer extends OpportunityRuleRefusal {

    public UnknownCustomer(String customerId) {
        super("customer " + customerId + " does not exist",
                Map.of("field", "customerId", "customerId", customerId));
    }
}
