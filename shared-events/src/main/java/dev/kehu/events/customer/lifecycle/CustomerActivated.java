package dev.kehu.events.customer.lifecycle;

import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** A prospect became an active customer with its first order. */
@EventType("dev.kehu.events.customer.CustomerActivated")
@Revision("1")
public record CustomerActivated(String customerId, String orderNumber) implements CustomerLifecycleChanged {

    @Override
    public LifecycleStage stage() {
        return LifecycleStage.ACTIVE;
    }
}
