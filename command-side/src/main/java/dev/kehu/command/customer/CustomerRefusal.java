package dev.kehu.command.customer;

import java.util.Map;

/**
 * A business rule of the Customer refused a command. Sealed: every refusal is nested in one of three
 * kinds, each answered with its own status by the feature's {@code ProblemMapping} beans —
 * {@link CustomerRuleRefusal} 422, {@link CustomerConflict} 409, {@link CustomerPartNotFound} 404 — in a
 * problem+json body with the message as {@code detail}, the refusal's simple class name in kebab case as
 * {@code code} ({@code CustomerOnCreditHold} → {@code customer-on-credit-hold}) and {@link #details()}
 * as further properties.
 */
public abstract sealed class CustomerRefusal extends RuntimeException
        permits CustomerConflict, CustomerPartNotFound, CustomerRuleRefusal {

    private final Map<String, Object> details;

    CustomerRefusal(String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.details = details;
    }

    /** Extra problem properties naming the field and the values involved. */
    public Map<String, Object> details() {
        return details;
    }
}
