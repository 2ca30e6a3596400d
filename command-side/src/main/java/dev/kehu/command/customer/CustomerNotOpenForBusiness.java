package dev.kehu.command.customer;

import java.util.Map;

/** The customer is churned, dropped or merged and takes no new opportunities. */
public class CustomerNotOpenForBusiness extends CustomerConflict {

    public CustomerNotOpenForBusiness(String customerId, String state) {
        super("customer " + customerId + " is " + state + " and takes no new opportunities", Map.of("customerId", customerId, "state", state));
    }
}
