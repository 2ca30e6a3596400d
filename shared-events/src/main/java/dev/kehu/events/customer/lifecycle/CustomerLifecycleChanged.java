package dev.kehu.events.customer.lifecycle;

/**
 * An event that moves a customer to another lifecycle stage. Views that keep only the stage handle all of them
 * with one handler; {@link #stage()} is derived from the event type, not stored.
 */
public interface CustomerLifecycleChanged {

    String customerId();

    /** The stage the customer is in after this event. */
    LifecycleStage stage();
}
