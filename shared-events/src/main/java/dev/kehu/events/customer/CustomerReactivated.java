package dev.kehu.events.customer;

import org.axonframework.serialization.Revision;

/** A dormant, churned or dropped customer came back. */
@Revision("1")
public record CustomerReactivated(String customerId, LifecycleStage previousStage, String reason) implements CustomerLifecycleChanged {

    @Override
    public LifecycleStage stage() {
        return LifecycleStage.REACTIVATED;
    }
}
