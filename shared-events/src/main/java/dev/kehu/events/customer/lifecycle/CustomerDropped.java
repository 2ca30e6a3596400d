package dev.kehu.events.customer.lifecycle;

import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** The customer was deliberately dropped for low return (放弃名单). */
@EventType("dev.kehu.events.customer.CustomerDropped")
@Revision("1")
public record CustomerDropped(String customerId, String reason) implements CustomerLifecycleChanged {

    @Override
    public LifecycleStage stage() {
        return LifecycleStage.DROPPED;
    }
}
