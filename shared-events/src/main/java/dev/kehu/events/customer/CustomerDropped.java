package dev.kehu.events.customer;

import org.axonframework.serialization.Revision;

/** The customer was deliberately dropped for low return (放弃名单). */
@Revision("1")
public record CustomerDropped(String customerId, String reason) implements CustomerLifecycleChanged {

    @Override
    public LifecycleStage stage() {
        return LifecycleStage.DROPPED;
    }
}
