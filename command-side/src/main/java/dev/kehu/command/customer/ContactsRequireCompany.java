package dev.kehu.command.customer;

import java.util.Map;

/** Only company customers have contact persons. */
public class ContactsRequireCompany extends CustomerRuleRefusal {

    public ContactsRequireCompany(String customerId) {
        super("customer " + customerId + " is an individual; only companies have contacts", Map.of("customerId", customerId));
    }
}
