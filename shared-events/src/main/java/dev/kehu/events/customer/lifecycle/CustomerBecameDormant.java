package dev.kehu.events.customer.lifecycle;

import java.time.LocalDate;
import dev.kehu.events.EventType;
import org.axonframework.serialization.Revision;

/** An active customer became dormant (no recent business); lastOrderOn may be null. */
@EventType("dev.kehu.events.customer.CustomerBecameDormant")
@Revision("1")
public record CustomerBecameDormant(String customerId, LocalDate lastOrderOn) implements CustomerLifecycleChanged {

    @Override
    public LifecycleStage stage() {
        return LifecycleStage.DORMANT;
    }
}
