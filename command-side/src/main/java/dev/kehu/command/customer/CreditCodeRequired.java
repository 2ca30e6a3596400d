package dev.kehu.command.customer;

import java.util.Map;

/** A company customer needs its unified social credit code. */
public class CreditCodeRequired extends CustomerRuleRefusal {

    public CreditCodeRequired() {
        super("a company customer needs its unified social credit code", Map.of("field", "profile.creditCode"));
    }
}
