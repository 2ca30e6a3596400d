package dev.kehu.command.customer;

import java.util.Map;

/** No contact with this id on the customer. */
public class ContactNotFound extends CustomerPartNotFound {

    public ContactNotFound(String contactId) {
        super("no contact " + contactId + " on this customer", Map.of("field", "contactId", "contactId", contactId));
    }
}
