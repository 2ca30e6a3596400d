package dev.kehu.command.customer;

import java.util.Map;

/** Reassigning a customer to another account manager needs a reason. */
public class ReassignmentNeedsReason extends CustomerRuleRefusal {

    public ReassignmentNeedsReason(String currentAccountManager) {
        super("reassigning from " + currentAccountManager + " needs a reason", Map.of("field", "reason"));
    }
}
