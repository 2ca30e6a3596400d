package dev.kehu.command.customer;

import java.util.Map;

/** There is no credit hold to release. */
public class CreditHoldNotPlaced extends CustomerConflict {

    public CreditHoldNotPlaced(String customerId) {
        super("customer " + customerId + " is not on credit hold", Map.of("customerId", customerId));
    }
}
