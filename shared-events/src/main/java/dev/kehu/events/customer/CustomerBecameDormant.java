package dev.kehu.events.customer;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** An active customer became dormant (no recent business); lastOrderOn may be null. */
@Revision("1")
public record CustomerBecameDormant(String customerId, LocalDate lastOrderOn) implements CustomerLifecycleChanged {

    @Override
    public LifecycleStage stage() {
        return LifecycleStage.DORMANT;
    }
}
