package dev.kehu.command.customer;

import java.util.Map;

/**
 * Base of Customer business-rule failures meaning a command that conflicts with the customer's current state; the REST layer answers
 * 409 Conflict with a problem+json body carrying the message as detail and {@link #details()} as properties.
 */
public abstract class CustomerConflict extends RuntimeException {

    private final Map<String, Object> details;

    protected CustomerConflict(String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.details = details;
    }

    /** Extra problem properties naming the field and the values involved. */
    public Map<String, Object> details() {
        return details;
    }
}
