package dev.kehu.command.customer;

import java.util.Map;

/** A customer cannot be merged into itself. */
public class CannotMergeIntoItself extends CustomerRuleRefusal {

    public CannotMergeIntoItself(String customerId) {
        super("customer " + customerId + " cannot be merged into itself", Map.of("field", "survivorId"));
    }
}
