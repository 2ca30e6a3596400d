package dev.kehu.command.customer;

import java.util.Map;

/** A duplicate with credit reservations or unpaid invoices cannot be merged; settle them first. */
public class DuplicateHasOpenCredit extends CustomerConflict {

    public DuplicateHasOpenCredit(String customerId) {
        super("customer " + customerId + " has credit reservations or unpaid invoices; settle them before merging", Map.of("customerId", customerId));
    }
}
