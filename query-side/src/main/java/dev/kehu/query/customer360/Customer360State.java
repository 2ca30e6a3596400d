package dev.kehu.query.customer360;

import java.util.Map;

/**
 * Everything {@link Customer360Fold} folds for one customer: its view (null before it is registered) and the
 * opportunities of the customer by id. The live runner builds it from the documents one event touches (the
 * customer and at most one opportunity); an as-of or a rebuild holds all of a customer's opportunities.
 */
public record Customer360State(Customer360View view, Map<String, Customer360Opportunity> opportunities) {

    public static final Customer360State EMPTY = new Customer360State(null, Map.of());

    public Customer360State {
        opportunities = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(opportunities));
    }
}
