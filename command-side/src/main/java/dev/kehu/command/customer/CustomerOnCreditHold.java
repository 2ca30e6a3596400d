package dev.kehu.command.customer;

import java.util.Map;

/** No new credit while the customer is on credit hold. */
public class CustomerOnCreditHold extends CustomerRuleRefusal {

    public CustomerOnCreditHold(String customerId) {
        super("customer " + customerId + " is on credit hold", Map.of("rule", "credit-hold", "customerId", customerId));
    }
}
