package dev.kehu.command.customer;

import java.util.Map;

/** Another customer already holds this credit code, mobile number or e-mail. */
public class CustomerAlreadyRegistered extends CustomerConflict {

    public CustomerAlreadyRegistered(String field, String value, String existingCustomerId) {
        super("a customer with this " + field + " is already registered: " + existingCustomerId, Map.of("field", field, "existingCustomerId", existingCustomerId));
    }
}
