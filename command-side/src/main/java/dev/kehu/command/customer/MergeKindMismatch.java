package dev.kehu.command.customer;

import dev.kehu.events.customer.CustomerKind;
import java.util.Map;

/** Only customers of the same kind can be merged. */
public class MergeKindMismatch extends CustomerRuleRefusal {

    public MergeKindMismatch(CustomerKind duplicateKind, CustomerKind survivorKind) {
        super("cannot merge a " + duplicateKind + " customer into a " + survivorKind + " customer", Map.of("field", "survivorId", "duplicateKind", duplicateKind.name(), "survivorKind", survivorKind.name()));
    }
}
