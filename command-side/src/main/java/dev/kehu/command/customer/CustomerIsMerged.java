package dev.kehu.command.customer;

import java.util.Map;

/** The customer was merged into a survivor and is read-only. */
public class CustomerIsMerged extends CustomerConflict {

    public CustomerIsMerged(String customerId, String survivorId) {
        super("customer " + customerId + " was merged into " + survivorId + " and is read-only", Map.of("customerId", customerId, "survivorId", survivorId));
    }
}
