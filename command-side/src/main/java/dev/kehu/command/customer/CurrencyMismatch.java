package dev.kehu.command.customer;

import java.util.Map;

/** An amount is not in the customer's credit currency. */
public class CurrencyMismatch extends CustomerRuleRefusal {

    public CurrencyMismatch(String field, String expected, String given) {
        super(field + " must be in " + expected + ", not " + given, Map.of("field", field, "expected", expected, "given", given));
    }
}
