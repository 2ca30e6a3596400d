package dev.kehu.command.customer;

import java.util.Map;

/**
 * Base of Customer business-rule failures meaning a business rule refused the command; the REST layer answers
 * 422 Unprocessable Content with a problem+json body carrying the message as detail and {@link #details()} as properties.
 */
public abstract class CustomerRuleRefusal extends RuntimeException {

    private final Map<String, Object> details;

    protected CustomerRuleRefusal(String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.details = details;
    }

    /** Extra problem properties naming the field and the values involved. */
    public Map<String, Object> details() {
        return details;
    }
}
