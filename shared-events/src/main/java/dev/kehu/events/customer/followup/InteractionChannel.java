package dev.kehu.events.customer.followup;

/** How an interaction (接触) took place. */
public enum InteractionChannel {
    VISIT, CALL, MEETING, EMAIL, MESSAGE
}
