package dev.kehu.events.customer.lifecycle;

import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** A dormant, churned or dropped customer came back. */
@EventType("dev.kehu.events.customer.CustomerReactivated")
@Revision("1")
public record CustomerReactivated(String customerId, LifecycleStage previousStage, String reason) implements CustomerLifecycleChanged {

    @Override
    public LifecycleStage stage() {
        return LifecycleStage.REACTIVATED;
    }
}
