package dev.kehu.command.customer;

import java.util.Map;

/** The primary contact cannot be removed while other contacts exist. */
public class PrimaryContactRemovalRefused extends CustomerConflict {

    public PrimaryContactRemovalRefused(String contactId) {
        super("contact " + contactId + " is the primary contact; choose another primary contact first", Map.of("field", "contactId", "contactId", contactId));
    }
}
