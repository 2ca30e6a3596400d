package dev.kehu.events.customer.lifecycle;

import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** The customer was lost (客户流失), with the reason and the competitor who took it (may be null). */
@EventType("dev.kehu.events.customer.CustomerChurned")
@Revision("1")
public record CustomerChurned(String customerId, String reason, String competitor) implements CustomerLifecycleChanged {

    @Override
    public LifecycleStage stage() {
        return LifecycleStage.CHURNED;
    }
}
