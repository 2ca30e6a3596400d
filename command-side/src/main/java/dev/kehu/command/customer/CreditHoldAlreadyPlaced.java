package dev.kehu.command.customer;

import java.util.Map;

/** The customer is already on credit hold. */
public class CreditHoldAlreadyPlaced extends CustomerConflict {

    public CreditHoldAlreadyPlaced(String customerId) {
        super("customer " + customerId + " is already on credit hold", Map.of("customerId", customerId));
    }
}
