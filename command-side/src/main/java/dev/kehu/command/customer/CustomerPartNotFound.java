package dev.kehu.command.customer;

import java.util.Map;

/**
 * Base of Customer business-rule failures meaning a part of the customer (contact, follow-up, complaint) named by the command does not exist; the REST layer answers
 * 404 Not Found with a problem+json body carrying the message as detail and {@link #details()} as properties.
 */
public abstract class CustomerPartNotFound extends RuntimeException {

    private final Map<String, Object> details;

    protected CustomerPartNotFound(String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.details = details;
    }

    /** Extra problem properties naming the field and the values involved. */
    public Map<String, Object> details() {
        return details;
    }
}
