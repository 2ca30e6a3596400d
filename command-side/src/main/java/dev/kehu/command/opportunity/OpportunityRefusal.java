package dev.kehu.command.opportunity;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A business rule of the Opportunity refused a command. Sealed: every refusal is nested in one of two
 * kinds, each answered with its own status — {@link OpportunityRuleRefusal} 422,
 * {@link OpportunityConflict} 409 — in a problem+json body carrying the message as detail and
 * {@link #details()} as properties, always including {@code rule}: the refusing rule's name in kebab
 * case (e.g. {@code OpportunityAlreadyClosed} gives {@code opportunity-already-closed}).
 */
public abstract sealed class OpportunityRefusal extends RuntimeException
        permits OpportunityConflict, OpportunityRuleRefusal {

    private final Map<String, Object> details;

    OpportunityRefusal(String message, Map<String, Object> details) {
        super(message, null, false, false);
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("rule", rule());
        all.putAll(details);
        this.details = Map.copyOf(all);
    }

    /** The name of the rule that refused the command, derived from the exception's class name. */
    public final String rule() {
        return getClass().getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /** Problem properties: {@code rule} and the values involved. */
    public Map<String, Object> details() {
        return details;
    }
}
