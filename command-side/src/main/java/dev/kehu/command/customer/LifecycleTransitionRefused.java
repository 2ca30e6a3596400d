package dev.kehu.command.customer;

import dev.kehu.events.customer.LifecycleStage;
import java.util.Map;

/** The command makes no sense in the customer's current lifecycle stage. */
public class LifecycleTransitionRefused extends CustomerConflict {

    public LifecycleTransitionRefused(String customerId, LifecycleStage stage, String attempted) {
        super("cannot " + attempted + " a customer who is " + stage, Map.of("stage", stage.name(), "attempted", attempted));
    }
}
